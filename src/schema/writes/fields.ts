/**
 * Per-field validation of a mutation's input, before anything is sent upstream: every invalid field
 * is found, and the mutation fails with one BAD_USER_INPUT whose `extensions.argument` names the first
 * (e.g. `input.name`) and whose `extensions.invalid` lists them all, each with its own message.
 */
import { GraphQLError } from 'graphql';
import { LIMITS, OFFICIAL_ACCOUNT_PREFIX } from '../../tencent/wire.js';
import { assertValidId } from '../validation.js';

export interface InvalidField {
  argument: string;
  message: string;
}

/** Collects the invalid fields of one input; `throwIfInvalid` fails the mutation with all of them. */
export class FieldChecks {
  readonly invalid: InvalidField[] = [];

  fail(argument: string, message: string): void {
    this.invalid.push({ argument, message });
  }

  /**
   * A text within `maxBytes` bytes of UTF-8 (Tencent counts bytes, not characters). `required`: it
   * must be given and not blank. Returns the value (undefined when absent).
   */
  text(
    value: string | null | undefined,
    argument: string,
    maxBytes: number,
    options: { required?: boolean; notBlank?: boolean } = {},
  ): string | undefined {
    if (value === null || value === undefined) {
      if (options.required) this.fail(argument, `\`${argument}\` is required.`);
      return undefined;
    }
    if ((options.required || options.notBlank) && value.trim() === '') {
      this.fail(argument, `\`${argument}\` must not be blank.`);
    }
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > maxBytes) {
      this.fail(argument, `\`${argument}\` must be at most ${maxBytes} bytes of UTF-8 (it has ${bytes}).`);
    }
    return value;
  }

  /** An integer from `min` to `max`; returns it (undefined when absent). */
  int(value: number | null | undefined, argument: string, min: number, max: number): number | undefined {
    if (value === null || value === undefined) return undefined;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.fail(argument, `\`${argument}\` must be from ${min} to ${max}.`);
    }
    return value;
  }

  /** A Chat UserID (non-empty, at most 32 bytes, printable ASCII). */
  userId(value: string | number, argument: string): string {
    const id = String(value);
    try {
      assertValidId(id, argument);
    } catch (error) {
      this.fail(argument, (error as Error).message);
    }
    return id;
  }

  /** An official account id: a UserID that starts with `@TOA#_` and has a name after it. */
  officialAccountId(value: string | number, argument: string): string {
    const id = this.userId(value, argument);
    if (
      this.invalid.every((field) => field.argument !== argument) &&
      (!id.startsWith(OFFICIAL_ACCOUNT_PREFIX) || id.length === OFFICIAL_ACCOUNT_PREFIX.length)
    ) {
      this.fail(
        argument,
        `\`${argument}\` must start with \`${OFFICIAL_ACCOUNT_PREFIX}\` and have a name after it (at most ${LIMITS.userIdMaxBytes} bytes in all).`,
      );
    }
    return id;
  }

  throwIfInvalid(): void {
    const first = this.invalid[0];
    if (!first) return;
    const more = this.invalid.length > 1 ? ` (and ${this.invalid.length - 1} more invalid field(s))` : '';
    throw new GraphQLError(`${first.message}${more}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: first.argument, invalid: this.invalid },
    });
  }
}
