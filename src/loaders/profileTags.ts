/** Profile tag names requested from portrait_get (Tencent's standard tags, section 5.4 of the API notes). */
export const StandardTag = {
  Nick: 'Tag_Profile_IM_Nick',
  Gender: 'Tag_Profile_IM_Gender',
  BirthDay: 'Tag_Profile_IM_BirthDay',
  Location: 'Tag_Profile_IM_Location',
  SelfSignature: 'Tag_Profile_IM_SelfSignature',
  AllowType: 'Tag_Profile_IM_AllowType',
  Language: 'Tag_Profile_IM_Language',
  Image: 'Tag_Profile_IM_Image',
  MsgSettings: 'Tag_Profile_IM_MsgSettings',
  AdminForbidType: 'Tag_Profile_IM_AdminForbidType',
  Level: 'Tag_Profile_IM_Level',
  Role: 'Tag_Profile_IM_Role',
} as const;

export const STANDARD_TAGS: readonly string[] = Object.values(StandardTag);

export const CUSTOM_TAG_PREFIX = 'Tag_Profile_Custom_';

const tagLists = new WeakMap<readonly string[], string[]>();

/**
 * The fixed TagList sent with every portrait_get: all standard tags plus the configured custom ones
 * (made once per configured list, not per request).
 */
export function profileTagList(customTags: readonly string[]): string[] {
  let list = tagLists.get(customTags);
  if (!list) {
    list = [...new Set([...STANDARD_TAGS, ...customTags])];
    tagLists.set(customTags, list);
  }
  return list;
}
