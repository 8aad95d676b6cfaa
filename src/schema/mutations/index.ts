/** Write mutations (design.md 2.4): follow / unfollow users, subscribe / unsubscribe official accounts. */
import './results.js';
import './follow.mutation.js';
import './unfollow.mutation.js';
import './subscribe.mutation.js';
import './unsubscribe.mutation.js';
