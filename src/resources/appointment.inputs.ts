import { Field, ID, InputType, Int } from 'type-graphql';
import { IsUrl, Length, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '../graphql/validators';
import { AppointmentStatus } from '../entities/enums';
import { DateTime } from '../graphql/scalars';

/** The optional fields, shared by create and update (never emitted as a type of its own). */
@InputType()
class AppointmentDetails {
  @Field(() => ID, { nullable: true }) siteId?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) location?: string | null;
  @Field(() => String, { nullable: true, description: 'An https:// video link for remote appointments.' })
  @MaxLength(500)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  meetingLink?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(2000) reason?: string | null;
}

@InputType()
export class CreateAppointmentInput extends AppointmentDetails {
  @Field(() => ID) patientId!: string;
  @Field(() => ID) careProfessionalId!: string;
  @Field() @Length(1, 200) @IsNotBlank() title!: string;
  @Field(() => DateTime) startTime!: Date;
  @Field(() => DateTime, { description: 'Must be after startTime.' }) endTime!: Date;
  @Field(() => AppointmentStatus, { nullable: true, description: 'SCHEDULED (default) or CONFIRMED.' }) status?: AppointmentStatus;
}

@InputType({ description: 'Only the fields given change. Status moves only along allowed transitions.' })
export class UpdateAppointmentInput extends AppointmentDetails {
  @Field(() => ID) id!: string;
  @Field(() => Int) @Min(1) expectedVersion!: number;
  @Field(() => ID, { nullable: true }) careProfessionalId?: string;
  @Field(() => String, { nullable: true }) @Length(1, 200) @IsNotBlank() title?: string;
  @Field(() => DateTime, { nullable: true }) startTime?: Date;
  @Field(() => DateTime, { nullable: true }) endTime?: Date;
  @Field(() => AppointmentStatus, { nullable: true }) status?: AppointmentStatus;
}
