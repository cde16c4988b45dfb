import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, Min } from 'class-validator';
import { IsNotBlank } from '../graphql/validators';
import { DateTime } from '../graphql/scalars';

@InputType({ description: 'The author is always the care professional record of the caller.' })
export class CreateClinicalNoteInput {
  @Field(() => ID) patientId!: string;
  @Field(() => ID, { nullable: true, description: "An appointment of the same patient." }) appointmentId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When the observation was made; defaults to now.' }) noteDate?: Date;
  @Field(() => ID, { nullable: true, description: 'A ClinicalNoteTemplate: its body is the content when `content` is not given.' }) templateId?: string | null;
  @Field(() => String, { nullable: true, description: 'Required unless templateId is given.' }) @Length(1, 20000) @IsNotBlank() content?: string;
}

@InputType({ description: 'Only the author may amend a note; every version stays in the audit log.' })
export class UpdateClinicalNoteInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) @Min(1) expectedVersion!: number;
  @Field(() => ID, { nullable: true }) appointmentId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => DateTime, { nullable: true }) noteDate?: Date;
  @Field(() => String, { nullable: true }) @Length(1, 20000) @IsNotBlank() content?: string;
}
