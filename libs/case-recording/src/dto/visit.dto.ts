import { IsBoolean, IsIn } from 'class-validator';
import { VISIT_FREQUENCIES, VISIT_KINDS } from '@fristvakt/domain';
import { IsMunicipality, IsRecordId, OptionalNotNull, oneOfMessage } from './decorators';

/** besøkshyppighet from this date */
export class VisitFrequencySetData {
  @IsRecordId()
  placementId!: string;

  @IsIn(VISIT_KINDS, { message: oneOfMessage(VISIT_KINDS) })
  kind!: string;

  @IsIn(VISIT_FREQUENCIES, { message: `must be a number of visits a year ${oneOfMessage(VISIT_FREQUENCIES.map(String))}` })
  perYear!: number;

  @OptionalNotNull()
  @IsBoolean({ message: 'must be a boolean' })
  childConsent?: boolean;
}

/** tilsynsansvar moved to `municipality` from this date */
export class SupervisionResponsibilitySetData {
  @IsRecordId()
  placementId!: string;

  @IsMunicipality()
  municipality!: string;
}

/** oppfølgings- or tilsynsbesøk */
export class VisitHeldData {
  @IsRecordId()
  visitId!: string;

  @IsRecordId()
  placementId!: string;

  @IsIn(VISIT_KINDS, { message: oneOfMessage(VISIT_KINDS) })
  kind!: string;

  @IsBoolean({ message: 'must be a boolean' })
  inPerson!: boolean;
}
