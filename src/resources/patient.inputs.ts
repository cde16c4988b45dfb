import { Field, ID, InputType, Int } from 'type-graphql';
import { IsEmail, Length, MaxLength, Min } from 'class-validator';
import { IsNotBlank, IsPhoneNumber } from '../graphql/validators';
import { DateScalar } from '../graphql/scalars';
import { Gender, PatientStatus } from '../entities/enums';
import { IsNhsNumber } from '../domain/nhs-number';


/** The optional fields, shared by create and update (never emitted as a type of its own). */
@InputType()
class PatientDetails {
  @Field(() => DateScalar, { nullable: true }) dateOfBirth?: Date | null;
  @Field(() => Gender, { nullable: true }) gender?: Gender;
  @Field(() => String, { nullable: true, description: '10 digits with a valid modulus-11 check digit.' }) @IsNhsNumber() nhsNumber?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(254) @IsEmail() email?: string | null;
  @Field(() => String, { nullable: true }) @IsPhoneNumber() phone?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(500) address?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(500) emergencyContact?: string | null;
  @Field(() => PatientStatus, { nullable: true }) status?: PatientStatus;
  @Field(() => String, { nullable: true }) @MaxLength(20) roomNumber?: string | null;
  @Field(() => DateScalar, { nullable: true }) admissionDate?: Date | null;
  @Field(() => DateScalar, { nullable: true }) dischargeDate?: Date | null;
  @Field(() => ID, { nullable: true, description: 'The Site (clinic or care home) the patient belongs to.' }) siteId?: string | null;
}

@InputType()
export class CreatePatientInput extends PatientDetails {
  @Field() @Length(1, 100) @IsNotBlank() firstName!: string;
  @Field() @Length(1, 100) @IsNotBlank() lastName!: string;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdatePatientInput extends PatientDetails {
  @Field(() => ID) id!: string;
  @Field(() => Int) @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @Length(1, 100) @IsNotBlank() firstName?: string;
  @Field(() => String, { nullable: true }) @Length(1, 100) @IsNotBlank() lastName?: string;
}
