/**
 * Tencent Cloud Chat REST wire protocol: the request and response JSON of every command this product
 * uses, the documented limits and error codes. Shared by the upstream client and the emulator so the
 * two cannot drift apart. Field names are Tencent's, including their inconsistencies.
 */

/** Every response carries this envelope. */
export interface Envelope {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  ErrorDisplay?: string;
}

/** Per-item result used by the follow commands. */
export interface FollowResultItem {
  To_Account: string;
  ResultCode: number;
  ResultInfo: string;
}

export interface ProfileItem {
  Tag: string;
  Value: string | number;
}

// ---------- follow ----------

export interface FollowAddRequest {
  From_Account: string;
  FollowItem: { To_Account: string }[];
}
export interface FollowAddResponse extends Envelope {
  ResultItem?: FollowResultItem[];
}

export interface FollowDeleteRequest {
  From_Account: string;
  To_Account: string[];
}
export type FollowDeleteResponse = FollowAddResponse;

export interface FollowCheckRequest {
  From_Account: string;
  To_Account: string[];
}
export interface FollowCheckResultItem extends FollowResultItem {
  /** 0 none, 1 To follows From, 2 From follows To, 3 mutual (a bitmask; not follow_get's FollowType). */
  FollowType: number;
}
export interface FollowCheckResponse extends Envelope {
  ResultItem?: FollowCheckResultItem[];
}

/** follow_get's list selector. */
export const FollowListType = { Fans: 1, Follows: 2, Mutual: 3 } as const;
export type FollowListType = (typeof FollowListType)[keyof typeof FollowListType];
/** The lists Tencent's cap of 5,000 follows per user bounds (follows, and mutuals within them). */
export type BoundedFollowListType = typeof FollowListType.Follows | typeof FollowListType.Mutual;

export interface FollowGetRequest {
  From_Account: string;
  FollowType: FollowListType;
  StartCursor: string;
  WantNum: number;
}
export interface FollowGetItem {
  To_Account: string;
  /** Unix seconds. */
  FollowTime: number;
  ProfileItem?: ProfileItem[];
  profile_sequence?: number;
}
export interface FollowGetResponse extends Envelope {
  FollowItem?: FollowGetItem[];
  /** Empty when there is nothing more. */
  NextCursor?: string;
}

export interface FollowGetInfoRequest {
  From_Account: string;
  To_Account: string[];
}
export interface FollowInfoItem extends FollowResultItem {
  FollowerCount: number;
  FollowingCount: number;
  MutualFollowingCount: number;
}
export interface FollowGetInfoResponse extends Envelope {
  FollowInfo?: FollowInfoItem[];
}

// ---------- profile and accounts ----------

export interface PortraitGetRequest {
  To_Account: string[];
  TagList: string[];
}
export interface UserProfileItem {
  To_Account: string;
  ProfileItem: ProfileItem[];
  ResultCode: number;
  ResultInfo: string;
}
export interface PortraitGetResponse extends Envelope {
  UserProfileItem?: UserProfileItem[];
  Fail_Account?: string[];
}

export interface PortraitSetRequest {
  From_Account: string;
  ProfileItem: ProfileItem[];
}
export type PortraitSetResponse = Envelope;

export interface AccountImportRequest {
  UserID?: string;
  /** Legacy name of UserID. */
  Identifier?: string;
  Nick?: string;
  FaceUrl?: string;
}
export type AccountImportResponse = Envelope;

export interface MultiAccountImportRequest {
  Accounts?: string[];
  AccountList?: { UserID: string; Nick?: string; FaceUrl?: string }[];
}
export interface MultiAccountImportResponse extends Envelope {
  FailAccounts?: string[];
}

// ---------- official accounts ----------

export const OFFICIAL_ACCOUNT_PREFIX = '@TOA#_';

export interface CreateOfficialAccountRequest {
  Owner_Account: string;
  OfficialAccountUserID?: string;
  Name: string;
  Introduction?: string;
  FaceUrl?: string;
  MaxSubscriberNum?: number;
  Organization?: string;
  CustomString?: string;
}
export interface CreateOfficialAccountResponse extends Envelope {
  OfficialAccountUserID?: string;
}

/** All fields but Official_Account optional; limits as in create. */
export interface ModifyOfficialAccountRequest {
  Official_Account: string;
  Name?: string;
  Introduction?: string;
  FaceUrl?: string;
  MaxSubscriberNum?: number;
  Organization?: string;
  CustomString?: string;
}
export type ModifyOfficialAccountResponse = Envelope;

export interface DestroyOfficialAccountRequest {
  Official_Account: string;
}
export type DestroyOfficialAccountResponse = Envelope;

export const OFFICIAL_ACCOUNT_FIELDS = [
  'CreateTime',
  'Name',
  'Owner_Account',
  'LastMsgTime',
  'SubscriberNum',
  'MaxSubscriberNum',
  'Introduction',
  'FaceUrl',
  'Organization',
  'CustomString',
] as const;
export type OfficialAccountField = (typeof OFFICIAL_ACCOUNT_FIELDS)[number];

export interface GetOfficialAccountInfoRequest {
  OfficialAccountIdList: { Official_Account: string }[];
  ResponseFilter?: { OfficialAccountBaseInfoFilter?: OfficialAccountField[] };
}
export interface OfficialAccountInfo {
  Official_Account: string;
  CreateTime?: number;
  Name?: string;
  Owner_Account?: string;
  LastMsgTime?: number;
  SubscriberNum?: number;
  MaxSubscriberNum?: number;
  Introduction?: string;
  FaceUrl?: string;
  Organization?: string;
  CustomString?: string;
}
export interface OfficialAccountInfoItem extends OfficialAccountInfo, Envelope {}
export interface GetOfficialAccountInfoResponse extends Envelope {
  OfficialAccountInfoList?: OfficialAccountInfoItem[];
}

export interface GetSubscriberInfoRequest {
  Official_Account: string;
  Limit?: number;
  Next: string;
}
export interface SubscriberInfo {
  Subscriber_Account: string;
  /** Unix seconds. */
  SubscribeTime: number;
  CustomString: string;
  MsgFlag: string;
  LastSendMsgTime: number;
}
export interface GetSubscriberInfoResponse extends Envelope {
  Next?: string;
  SubscriberNum?: number;
  SubscriberList?: SubscriberInfo[];
}

/** add/delete subscriber per-item Result. */
export const SubscriberResult = { Failed: 0, Ok: 1, AlreadyOrNot: 2 } as const;

export interface AddSubscriberRequest {
  Official_Account: string;
  SubscriberList: { Subscriber_Account: string }[];
}
export interface SubscriberResultItem {
  Subscriber_Account: string;
  /** 0 failed, 1 ok, 2 already subscribed (add) / not subscribed (delete). */
  Result: number;
}
export interface AddSubscriberResponse extends Envelope {
  SubscriberList?: SubscriberResultItem[];
}

export interface DeleteSubscriberRequest {
  Official_Account: string;
  SubscriberToDel_Account: string[];
}
export type DeleteSubscriberResponse = AddSubscriberResponse;

export interface GetSubscribedOfficialAccountListRequest {
  Subscriber_Account: string;
  Limit?: number;
  Offset?: number;
  ResponseFilter?: {
    OfficialAccountBaseInfoFilter?: OfficialAccountField[];
    SelfInfoFilter?: ('SubscribeTime' | 'CustomString')[];
  };
}
export interface SubscribedOfficialAccount extends OfficialAccountInfo {
  SelfInfo?: { SubscribeTime?: number; CustomString?: string };
}
export interface GetSubscribedOfficialAccountListResponse extends Envelope {
  OfficialAccountInfoList?: SubscribedOfficialAccount[];
  TotalCount?: number;
  /** 1 = done, 0 = more. */
  CompleteFlag?: number;
  /** Feed back as Offset. */
  Next?: number;
}

// ---------- command table ----------

/** Request and response type of each `service/command`. */
export interface CommandMap {
  'follow/follow_add': [FollowAddRequest, FollowAddResponse];
  'follow/follow_delete': [FollowDeleteRequest, FollowDeleteResponse];
  'follow/follow_check': [FollowCheckRequest, FollowCheckResponse];
  'follow/follow_get': [FollowGetRequest, FollowGetResponse];
  'follow/follow_get_info': [FollowGetInfoRequest, FollowGetInfoResponse];
  'profile/portrait_get': [PortraitGetRequest, PortraitGetResponse];
  'profile/portrait_set': [PortraitSetRequest, PortraitSetResponse];
  'im_open_login_svc/account_import': [AccountImportRequest, AccountImportResponse];
  'im_open_login_svc/multiaccount_import': [MultiAccountImportRequest, MultiAccountImportResponse];
  'official_account_open_http_svc/create_official_account': [
    CreateOfficialAccountRequest,
    CreateOfficialAccountResponse,
  ];
  'official_account_open_http_svc/destroy_official_account': [
    DestroyOfficialAccountRequest,
    DestroyOfficialAccountResponse,
  ];
  'official_account_open_http_svc/modify_official_account_base_info': [
    ModifyOfficialAccountRequest,
    ModifyOfficialAccountResponse,
  ];
  'official_account_open_http_svc/get_official_account_info': [
    GetOfficialAccountInfoRequest,
    GetOfficialAccountInfoResponse,
  ];
  'official_account_open_http_svc/get_subscriber_info': [GetSubscriberInfoRequest, GetSubscriberInfoResponse];
  'official_account_open_http_svc/add_subscriber': [AddSubscriberRequest, AddSubscriberResponse];
  'official_account_open_http_svc/delete_subscriber': [DeleteSubscriberRequest, DeleteSubscriberResponse];
  'official_account_open_http_svc/get_subscribed_official_account_list': [
    GetSubscribedOfficialAccountListRequest,
    GetSubscribedOfficialAccountListResponse,
  ];
}
export type Command = keyof CommandMap;

/** Every command, at run time (the object's type makes the list complete). */
export const COMMANDS: readonly Command[] = Object.keys({
  'follow/follow_add': true,
  'follow/follow_delete': true,
  'follow/follow_check': true,
  'follow/follow_get': true,
  'follow/follow_get_info': true,
  'profile/portrait_get': true,
  'profile/portrait_set': true,
  'im_open_login_svc/account_import': true,
  'im_open_login_svc/multiaccount_import': true,
  'official_account_open_http_svc/create_official_account': true,
  'official_account_open_http_svc/destroy_official_account': true,
  'official_account_open_http_svc/modify_official_account_base_info': true,
  'official_account_open_http_svc/get_official_account_info': true,
  'official_account_open_http_svc/get_subscriber_info': true,
  'official_account_open_http_svc/add_subscriber': true,
  'official_account_open_http_svc/delete_subscriber': true,
  'official_account_open_http_svc/get_subscribed_official_account_list': true,
} satisfies Record<Command, true>) as Command[];
export type RequestOf<C extends Command> = CommandMap[C][0];
export type ResponseOf<C extends Command> = CommandMap[C][1];

/** Commands that change state: never retried unless the answer proves nothing was applied. */
export const WRITE_COMMANDS: ReadonlySet<Command> = new Set<Command>([
  'follow/follow_add',
  'follow/follow_delete',
  'profile/portrait_set',
  'im_open_login_svc/account_import',
  'im_open_login_svc/multiaccount_import',
  'official_account_open_http_svc/create_official_account',
  'official_account_open_http_svc/destroy_official_account',
  'official_account_open_http_svc/modify_official_account_base_info',
  'official_account_open_http_svc/add_subscriber',
  'official_account_open_http_svc/delete_subscriber',
]);

// ---------- documented limits ----------

export const LIMITS = {
  followAddTargets: 20,
  followDeleteTargets: 20,
  followCheckTargets: 100,
  followGetInfoTargets: 20,
  followGetWantNumMax: 1000,
  followGetWantNumDefault: 100,
  maxFollowingPerUser: 5000,
  portraitGetAccounts: 100,
  multiAccountImport: 100,
  officialAccountInfoIds: 50,
  subscriberPageMax: 200,
  subscribedListPageMax: 200,
  addSubscriberMax: 100,
  /** Undocumented; assumed equal to add_subscriber's. */
  deleteSubscriberMax: 100,
  defaultMaxSubscriberNum: 100_000,
  /** Undocumented upper bound of MaxSubscriberNum [I]: the emulator refuses more (6017). */
  maxSubscriberNumCap: 10_000_000,
  userIdMaxBytes: 32,
  callsPerSecondPerCommand: 200,
} as const;

/** Byte limits (UTF-8) of an official account's text fields, in create and modify alike. */
export const OFFICIAL_ACCOUNT_TEXT_BYTES = {
  Name: 150,
  Introduction: 400,
  FaceUrl: 500,
  Organization: 500,
  CustomString: 3000,
} as const;

/**
 * Upstream's own processing limit per request (Tencent answers within 3 s or not at all): a client
 * that waited at least this long for an answer knows upstream is done with the request.
 */
export const UPSTREAM_PROCESSING_LIMIT_MS = 3000;

/** UserID characters: printable ASCII (space to tilde), nothing that needs escaping on the wire. */
const USER_ID_CHARS = /^[\x20-\x7e]+$/;

/**
 * True for a string usable as a Chat UserID (or official account id): non-empty, at most
 * LIMITS.userIdMaxBytes (32) bytes, printable ASCII 0x20-0x7e only.
 */
export function isValidUserId(id: unknown): id is string {
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    Buffer.byteLength(id, 'utf8') <= LIMITS.userIdMaxBytes &&
    USER_ID_CHARS.test(id)
  );
}

// ---------- documented error codes ----------

export const ErrorCodes = {
  HttpParse: 60002,
  JsonParse: 60003,
  BadAccountOrSig: 60004,
  InvalidSdkAppId: 60006,
  RateLimited: 60007,
  Timeout: 60008,
  BadResource: 60009,
  AdminRequired: 60010,
  AppRateLimited: 60011,
  MissingSdkAppId: 60012,
  TooFrequent1: 60018,
  TooFrequent2: 60019,

  SigExpired: 70001,
  SigEmpty: 70002,
  SigParse: 70003,
  SigVerify: 70009,
  SigIdentifierMismatch: 70013,
  SigAppIdMismatch: 70014,
  /** UserSig verification failed and the failure rate limit was hit: fix the key, retry after 1 minute. */
  SigVerifyRateLimited: 70050,
  AccountNotImported: 70107,
  ImportInvalidParams: 70402,

  FollowBadParam: 30001,
  FollowAppMismatch: 30002,
  FollowUserNotFound: 30003,
  FollowAdminRequired: 30004,
  FollowFeatureDisabled: 30005,
  FollowInternal: 30006,
  FollowTimeout: 30007,
  FollowingLimit: 32100,
  FollowerLimit: 32101,
  FromMutualLimit: 32102,
  ToMutualLimit: 32103,

  ProfileBadParam: 40001,
  ProfileUserNotFound: 40003,
  ProfileNoPermission: 40008,
  ProfileTagNotFound: 40009,
  ProfileValueTooLong: 40601,
  /** Invalid value for a standard profile field. */
  ProfileInvalidValue: 40605,
  /** Wrong value type for a standard profile field. */
  ProfileWrongValueType: 40610,

  OaBadParam: 6017,
  OaInternal: 10004,
  OaBadPacket: 20001,
  OaInternal2: 20005,
  OaNoPermission: 130002,
  /** Official account does not exist [I]. */
  OaNotFound: 130004,
  OaSubscriberLimit: 130006,
  /** Official account id already exists [I]. */
  OaAlreadyExists: 130007,
} as const;

/**
 * Rate-limit and "retry later" codes: the request was refused before doing anything.
 * Not 70050 (UserSig verification failed and its rate limit hit, "retry after 1 minute"): that is an
 * auth misconfiguration (wrong key or SDKAppID), so it is neither retried nor reported as RATE_LIMITED.
 */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([60007, 60011, 60018, 60019]);
/** Internal errors / timeouts that upstream says to retry; safe for reads only. */
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  30006, 30007, 60008, 10004, 20005, 70169, 70500,
]);
/** Codes that prove the whole request was rejected before execution (safe to retry even writes). */
export const NOT_APPLIED_CODES: ReadonlySet<number> = RATE_LIMIT_CODES;
