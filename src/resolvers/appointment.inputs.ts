import { Field, ID, InputType, Int } from 'type-graphql';
import { IsUrl, Length, MaxLength, Min } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { AppointmentStatus } from '../entities/enums';

@InputType()
export class CreateAppointmentInput {
  @Field(() => ID) patientId!: string;
  @Field(() => ID) careProfessionalId!: string;
  @Field(() => ID, { nullable: true }) siteId?: string | null;
  @Field() @Length(1, 200) title!: string;
  @Field(() => DateTimeResolver) startTime!: Date;
  @Field(() => DateTimeResolver, { description: 'Must be after startTime.' }) endTime!: Date;
  @Field(() => AppointmentStatus, { nullable: true, description: 'SCHEDULED (default) or CONFIRMED.' }) status?: AppointmentStatus;
  @Field(() => String, { nullable: true }) @MaxLength(200) location?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(500) @IsUrl({ protocols: ['https'], require_protocol: true }) meetingLink?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(2000) reason?: string | null;
}

@InputType({ description: 'Only the fields given change. Status moves only along allowed transitions.' })
export class UpdateAppointmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) @Min(1) expectedVersion!: number;
  @Field(() => ID, { nullable: true }) careProfessionalId?: string;
  @Field(() => ID, { nullable: true }) siteId?: string | null;
  @Field(() => String, { nullable: true }) @Length(1, 200) title?: string;
  @Field(() => DateTimeResolver, { nullable: true }) startTime?: Date;
  @Field(() => DateTimeResolver, { nullable: true }) endTime?: Date;
  @Field(() => AppointmentStatus, { nullable: true }) status?: AppointmentStatus;
  @Field(() => String, { nullable: true }) @MaxLength(200) location?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(500) @IsUrl({ protocols: ['https'], require_protocol: true }) meetingLink?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(2000) reason?: string | null;
}
