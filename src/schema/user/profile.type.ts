import { CUSTOM_TAG_PREFIX, LOADER_COSTS, type ProfileSnapshot, StandardTag } from '../../loaders/index.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserProfileRef } from '../refs.js';

type TagValue = string | number | undefined;

/**
 * A tag's value, converted by `as`. Profile data that came inside follow_get items may lack tags; only
 * then is the full profile loaded (batched through portrait_get). Known values are answered at once,
 * without a promise: a page of profiles reads hundreds of them.
 */
function readTag<T>(
  profile: ProfileSnapshot,
  tag: string,
  ctx: GraphQLContext,
  as: (value: TagValue) => T,
): T | Promise<T> {
  if (profile.tags.has(tag) || profile.complete) return as(profile.tags.get(tag));
  return ctx.loaders.profiles.load(profile.userId).then((full) => as(full?.tags.get(tag)));
}

async function completeProfile(profile: ProfileSnapshot, ctx: GraphQLContext): Promise<ProfileSnapshot> {
  if (profile.complete) return profile;
  return (await ctx.loaders.profiles.load(profile.userId)) ?? profile;
}

function asString(value: string | number | undefined): string | null {
  if (value === undefined || value === '') return null;
  return String(value);
}

function asInt(value: string | number | undefined): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return n !== undefined && Number.isSafeInteger(n) ? n : null;
}

export const Gender = builder.enumType('Gender', {
  description: 'Gender a user states in their profile (`Tag_Profile_IM_Gender`).',
  values: {
    UNKNOWN: { value: 'Gender_Type_Unknown', description: 'Not stated.' },
    FEMALE: { value: 'Gender_Type_Female', description: 'Female.' },
    MALE: { value: 'Gender_Type_Male', description: 'Male.' },
  } as const,
});

export const AllowType = builder.enumType('AllowType', {
  description: 'How a user handles friend requests (`Tag_Profile_IM_AllowType`).',
  values: {
    NEED_CONFIRM: { value: 'AllowType_Type_NeedConfirm', description: 'Requests need the user to confirm.' },
    ALLOW_ANY: {
      value: 'AllowType_Type_AllowAny',
      description: 'Anyone may add the user without confirmation.',
    },
    DENY_ANY: { value: 'AllowType_Type_DenyAny', description: 'Nobody may add the user.' },
  } as const,
});

function enumValue<T extends string>(values: readonly T[], raw: string | number | undefined): T | null {
  return values.includes(raw as T) ? (raw as T) : null;
}

interface ProfileTagShape {
  key: string;
  value: string;
}

const ProfileTag = builder.objectRef<ProfileTagShape>('ProfileTag').implement({
  description: 'One app-defined profile field (`Tag_Profile_Custom_*`).',
  shareable: true,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Full tag name, e.g. `Tag_Profile_Custom_City`.' }),
    value: t.exposeString('value', { description: 'The value as a string (integer values are converted).' }),
  }),
});

UserProfileRef.implement({
  description:
    "A user's Tencent Cloud Chat profile (standard tags and the custom tags this server is configured to read).",
  shareable: true,
  fields: (t) => {
    // Tags missing from profile data that came with follow_get are read with portrait_get.
    const extensions = upstreamCost({ load: LOADER_COSTS.profiles });
    const str = (tag: string, description: string) =>
      t.string({
        extensions,
        nullable: true,
        description,
        resolve: (p, _a, ctx) => readTag(p, tag, ctx, asString),
      });
    const int = (tag: string, description: string) =>
      t.int({
        extensions,
        nullable: true,
        description,
        resolve: (p, _a, ctx) => readTag(p, tag, ctx, asInt),
      });
    return {
      nickname: str(StandardTag.Nick, 'Display name (`Tag_Profile_IM_Nick`).'),
      avatarUrl: str(StandardTag.Image, 'Avatar image URL (`Tag_Profile_IM_Image`).'),
      selfSignature: str(StandardTag.SelfSignature, 'Status line / bio (`Tag_Profile_IM_SelfSignature`).'),
      gender: t.field({
        extensions,
        type: Gender,
        nullable: true,
        description: 'Stated gender (`Tag_Profile_IM_Gender`); null when unset or unrecognised.',
        resolve: (p, _a, ctx) =>
          readTag(p, StandardTag.Gender, ctx, (value) =>
            enumValue(['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'] as const, value),
          ),
      }),
      birthday: int(
        StandardTag.BirthDay,
        'Birthday as the app stored it, recommended YYYYMMDD (`Tag_Profile_IM_BirthDay`).',
      ),
      location: str(StandardTag.Location, 'App-encoded location (`Tag_Profile_IM_Location`).'),
      language: int(StandardTag.Language, 'App-defined language code (`Tag_Profile_IM_Language`).'),
      allowType: t.field({
        extensions,
        type: AllowType,
        nullable: true,
        description: 'Friend request policy (`Tag_Profile_IM_AllowType`); null when unset or unrecognised.',
        resolve: (p, _a, ctx) =>
          readTag(p, StandardTag.AllowType, ctx, (value) =>
            enumValue(
              ['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny'] as const,
              value,
            ),
          ),
      }),
      level: int(StandardTag.Level, 'App-defined level (`Tag_Profile_IM_Level`).'),
      role: int(StandardTag.Role, 'App-defined role (`Tag_Profile_IM_Role`).'),
      customTags: t.field({
        extensions,
        type: [ProfileTag],
        description:
          'Custom tags that are set, sorted by key. Only tags listed in the server setting PROFILE_CUSTOM_TAGS are read.',
        resolve: async (p, _a, ctx) => {
          const full = await completeProfile(p, ctx);
          return [...full.tags]
            .filter(([key]) => key.startsWith(CUSTOM_TAG_PREFIX))
            .map(([key, value]) => ({ key, value: String(value) }))
            .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        },
      }),
    };
  },
});
