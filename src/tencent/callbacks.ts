/**
 * Tencent Cloud Chat's third-party callbacks ("webhooks", docs/tencent-chat-api.md section 6): the
 * query parameters, the signature and the payloads of the callbacks this product understands. Shared
 * by the server's intake and the emulator that sends them, like the REST wire types.
 */
import { createHash } from 'node:crypto';

export const CallbackCommand = {
  FollowAdd: 'Follow.CallbackAfterFollowAdd',
  FollowDelete: 'Follow.CallbackAfterFollowDelete',
  AddSubscriber: 'OfficialAccount.CallbackAfterAddSubscriber',
  DeleteSubscriber: 'OfficialAccount.CallbackAfterDeleteSubscriber',
  OfficialAccountFull: 'OfficialAccount.CallbackAfterOfficialAccountFull',
  OfficialAccountInfoChanged: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
  OfficialAccountDestroyed: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
  OfficialAccountCreated: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
} as const;
export type CallbackCommand = (typeof CallbackCommand)[keyof typeof CallbackCommand];

/** Callbacks older or newer than this (|now - RequestTime|) are invalid. */
export const CALLBACK_MAX_SKEW_SECONDS = 60;

/** The answer Tencent expects (and ignores for "after" callbacks). */
export const CALLBACK_OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;

/** `Sign = hex(sha256(token + RequestTime))`, carried in the URL when a callback token is configured. */
export function callbackSign(token: string, requestTime: number | string): string {
  return createHash('sha256').update(`${token}${requestTime}`, 'utf8').digest('hex');
}

interface CallbackBase {
  CallbackCommand: CallbackCommand;
  /** Milliseconds. */
  EventTime: number;
}

export interface FollowAddCallback extends CallbackBase {
  CallbackCommand: typeof CallbackCommand.FollowAdd;
  From_Account: string;
  /** Only the targets whose follow succeeded. */
  FollowList: { To_Account: string }[];
}

/** Note the asymmetry with FollowAddCallback: a flat list of ids. */
export interface FollowDeleteCallback extends CallbackBase {
  CallbackCommand: typeof CallbackCommand.FollowDelete;
  From_Account: string;
  To_Account: string[];
}

export interface SubscriberCallback extends CallbackBase {
  CallbackCommand: typeof CallbackCommand.AddSubscriber | typeof CallbackCommand.DeleteSubscriber;
  Official_Account: string;
  Operator_Account?: string;
  SubscribeAccountList: { Subscriber_Account: string }[];
}

export interface OfficialAccountCallback extends CallbackBase {
  CallbackCommand:
    | typeof CallbackCommand.OfficialAccountFull
    | typeof CallbackCommand.OfficialAccountInfoChanged
    | typeof CallbackCommand.OfficialAccountDestroyed
    | typeof CallbackCommand.OfficialAccountCreated;
  Official_Account: string;
  Operator_Account?: string;
  Owner_Account?: string;
  Name?: string;
}

export type CallbackPayload =
  | FollowAddCallback
  | FollowDeleteCallback
  | SubscriberCallback
  | OfficialAccountCallback;
