/** Types of build.mjs for the TypeScript scripts that import it. */
export function build(): boolean;
export function isStale(): boolean;
