import { IsBoolean } from 'class-validator';
import { IsRecordId } from './decorators';

/** Statsforvalterens vurdering av fristforlengelsen */
export class ExtensionAssessedData {
  @IsRecordId()
  investigationId!: string;

  @IsBoolean({ message: 'must be a boolean' })
  approved!: boolean;
}
