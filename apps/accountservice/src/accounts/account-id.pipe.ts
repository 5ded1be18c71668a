import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { ACCOUNT_ID_MAX_LENGTH, isAccountId } from '@landscape/contracts';

/** Rejects, with 400, path ids that cannot be account ids; unknown but well-formed ids pass. */
@Injectable()
export class AccountIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isAccountId(value)) {
      throw new BadRequestException(`account id must be 1 to ${ACCOUNT_ID_MAX_LENGTH} digits`);
    }
    return value;
  }
}
