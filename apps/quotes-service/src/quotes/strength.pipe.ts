import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

export const MIN_STRENGTH = 0;
export const MAX_STRENGTH = 16;

/**
 * `strength` is a work factor, like bcrypt's cost: the service hashes the quote 2^strength times
 * before answering, to simulate CPU-bound work. Absent means 0; anything but a whole number from
 * 0 to 16 is a 400.
 */
@Injectable()
export class StrengthPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    if (value === undefined) return MIN_STRENGTH;
    const strength = typeof value === 'string' && /^[0-9]{1,2}$/.test(value) ? Number(value) : NaN;
    if (!(strength >= MIN_STRENGTH && strength <= MAX_STRENGTH)) {
      throw new BadRequestException(
        `strength must be a whole number from ${MIN_STRENGTH} to ${MAX_STRENGTH}`,
      );
    }
    return strength;
  }
}
