/** Object refs shared across domains (declared here, implemented in each domain's *.type.ts). */
import type { ProfileSnapshot } from '../loaders/index.js';
import { builder } from './builder.js';

/** A user is just its id: every field loads what it needs through the request's loaders. */
export interface UserShape {
  id: string;
}

/** An official account is just its id; fields read its info through the loader. */
export interface OfficialAccountShape {
  id: string;
}

export const UserRef = builder.objectRef<UserShape>('User');
export const UserProfileRef = builder.objectRef<ProfileSnapshot>('UserProfile');
export const OfficialAccountRef = builder.objectRef<OfficialAccountShape>('OfficialAccount');
