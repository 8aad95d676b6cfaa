/** The command table: every `service/command` the emulator serves. */
import type { Command } from '../../tencent/wire.js';
import { accountImport, multiAccountImport } from './account.js';
import type { Handler } from './context.js';
import { followAdd, followCheck, followDelete, followGet, followGetInfo } from './follow.js';
import {
  addSubscriber,
  createOfficialAccount,
  deleteSubscriber,
  destroyOfficialAccount,
  getOfficialAccountInfo,
  getSubscribedOfficialAccountList,
  getSubscriberInfo,
  modifyOfficialAccount,
} from './officialAccount.js';
import { portraitGet, portraitSet } from './profile.js';

export type { CallbackDraft, CommandContext, Handler } from './context.js';

export const COMMANDS: Readonly<Record<Command, Handler>> = {
  'follow/follow_add': followAdd,
  'follow/follow_delete': followDelete,
  'follow/follow_check': followCheck,
  'follow/follow_get': followGet,
  'follow/follow_get_info': followGetInfo,
  'profile/portrait_get': portraitGet,
  'profile/portrait_set': portraitSet,
  'im_open_login_svc/account_import': accountImport,
  'im_open_login_svc/multiaccount_import': multiAccountImport,
  'official_account_open_http_svc/create_official_account': createOfficialAccount,
  'official_account_open_http_svc/destroy_official_account': destroyOfficialAccount,
  'official_account_open_http_svc/modify_official_account_base_info': modifyOfficialAccount,
  'official_account_open_http_svc/get_official_account_info': getOfficialAccountInfo,
  'official_account_open_http_svc/get_subscriber_info': getSubscriberInfo,
  'official_account_open_http_svc/add_subscriber': addSubscriber,
  'official_account_open_http_svc/delete_subscriber': deleteSubscriber,
  'official_account_open_http_svc/get_subscribed_official_account_list': getSubscribedOfficialAccountList,
};

export function isCommand(name: string): name is Command {
  return Object.hasOwn(COMMANDS, name);
}
