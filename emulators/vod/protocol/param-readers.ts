import { invalidParameter, missingParameter } from '../errors';

// Typed reads of an action's parameters; each failure is VOD's MissingParameter / InvalidParameter.
export class ActionParams {
  constructor(private readonly params: ReadonlyMap<string, string>) {}

  optional(name: string): string | undefined {
    const value = this.params.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const text = this.optional(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw invalidParameter(name, `must be an integer in ${min}..${max}`);
    }
    return value;
  }

  list(name: string, max: number): string[] {
    const items = (this.optional(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (items.length > max) throw invalidParameter(name, `at most ${max} values`);
    return items;
  }
}
