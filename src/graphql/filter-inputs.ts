import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, MaxLength } from 'class-validator';
import { DateScalar, DateTime, Decimal, JsonObject } from './scalars';

/** Per-field operators (DESIGN.md §4). Lists are bounded so a filter cannot become a denial of service. */
const MAX_IN = 500;

@InputType({ description: 'Conditions on a text field; all given conditions must hold.' })
export class StringFilter {
  @Field(() => String, { nullable: true }) @MaxLength(500) eq?: string;
  @Field(() => String, { nullable: true }) @MaxLength(500) ne?: string;
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(MAX_IN) @MaxLength(500, { each: true }) in?: string[];
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(MAX_IN) @MaxLength(500, { each: true }) notIn?: string[];
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring.' }) @MaxLength(200) contains?: string;
  @Field(() => String, { nullable: true, description: 'Case-insensitive prefix.' }) @MaxLength(200) startsWith?: string;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType({ description: 'Conditions on a reference to another object, by its global id.' })
export class IdFilter {
  @Field(() => ID, { nullable: true }) eq?: string;
  @Field(() => [ID], { nullable: true }) @ArrayMaxSize(MAX_IN) in?: string[];
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType()
export class DateTimeFilter {
  @Field(() => DateTime, { nullable: true }) eq?: Date;
  @Field(() => DateTime, { nullable: true }) lt?: Date;
  @Field(() => DateTime, { nullable: true }) lte?: Date;
  @Field(() => DateTime, { nullable: true }) gt?: Date;
  @Field(() => DateTime, { nullable: true }) gte?: Date;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType()
export class DateFilter {
  @Field(() => DateScalar, { nullable: true }) eq?: Date;
  @Field(() => DateScalar, { nullable: true }) lt?: Date;
  @Field(() => DateScalar, { nullable: true }) lte?: Date;
  @Field(() => DateScalar, { nullable: true }) gt?: Date;
  @Field(() => DateScalar, { nullable: true }) gte?: Date;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType()
export class IntFilter {
  @Field(() => Int, { nullable: true }) eq?: number;
  @Field(() => Int, { nullable: true }) lt?: number;
  @Field(() => Int, { nullable: true }) lte?: number;
  @Field(() => Int, { nullable: true }) gt?: number;
  @Field(() => Int, { nullable: true }) gte?: number;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType({ description: 'Conditions on an exact decimal; compared as numbers.' })
export class DecimalFilter {
  @Field(() => Decimal, { nullable: true }) eq?: string;
  @Field(() => Decimal, { nullable: true }) ne?: string;
  @Field(() => Decimal, { nullable: true }) lt?: string;
  @Field(() => Decimal, { nullable: true }) lte?: string;
  @Field(() => Decimal, { nullable: true }) gt?: string;
  @Field(() => Decimal, { nullable: true }) gte?: string;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType()
export class BooleanFilter {
  @Field(() => Boolean, { nullable: true }) eq?: boolean;
  @Field(() => Boolean, { nullable: true }) ne?: boolean;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType({ description: 'Conditions on a JSON object field.' })
export class JsonFilter {
  @Field(() => JsonObject, { nullable: true, description: 'The field contains this object (PostgreSQL `@>`): `{ "mobility": "LOW" }`.' })
  contains?: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'The object has this top-level key.' }) @MaxLength(200) hasKey?: string;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

const enumFilters = new Map<object, new () => unknown>();

/** `<Enum>Filter { eq ne in notIn }`, one class per enum. */
export function enumFilter(enumObject: object, enumName: string): new () => unknown {
  const existing = enumFilters.get(enumObject);
  if (existing) return existing;
  @InputType(`${enumName}Filter`)
  class EnumFilter {
    @Field(() => enumObject, { nullable: true }) eq?: string;
    @Field(() => enumObject, { nullable: true }) ne?: string;
    @Field(() => [enumObject], { nullable: true }) @ArrayMaxSize(MAX_IN) in?: string[];
    @Field(() => [enumObject], { nullable: true }) @ArrayMaxSize(MAX_IN) notIn?: string[];
  }
  enumFilters.set(enumObject, EnumFilter);
  return EnumFilter;
}

@InputType({
  description: 'A field encrypted at rest: the database holds only ciphertext and cannot compare it, so any filter naming it is refused (BAD_USER_INPUT, rule `encrypted`). It is listed so that the refusal can say why.',
})
export class EncryptedFieldFilter {
  @Field(() => Boolean, { nullable: true, description: 'Refused like any other condition on this field.' }) isNull?: boolean;
}
