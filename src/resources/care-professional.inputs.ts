import { Field, ID, InputType, Int } from 'type-graphql';
import { IsEmail, Length, MaxLength, Min } from 'class-validator';
import { IsNotBlank, IsPhoneNumber } from '../graphql/validators';
import { Profession } from '../entities/enums';

/** The optional fields, shared by create and update (never emitted as a type of its own). */
@InputType()
class CareProfessionalDetails {
  @Field(() => String, { nullable: true }) @MaxLength(200) specialization?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(50) licenseNumber?: string | null;
  @Field(() => String, { nullable: true }) @IsPhoneNumber() phone?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(254) @IsEmail() email?: string | null;
  @Field(() => ID, { nullable: true }) siteId?: string | null;
}

@InputType()
export class CreateCareProfessionalInput extends CareProfessionalDetails {
  @Field() @Length(1, 100) @IsNotBlank() firstName!: string;
  @Field() @Length(1, 100) @IsNotBlank() lastName!: string;
  @Field(() => Profession) profession!: Profession;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateCareProfessionalInput extends CareProfessionalDetails {
  @Field(() => ID) id!: string;
  @Field(() => Int) @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @Length(1, 100) @IsNotBlank() firstName?: string;
  @Field(() => String, { nullable: true }) @Length(1, 100) @IsNotBlank() lastName?: string;
  @Field(() => Profession, { nullable: true }) profession?: Profession;
}
