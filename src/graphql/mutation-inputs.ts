import { Field, ID, InputType, Int } from 'type-graphql';
import { Min } from 'class-validator';

@InputType({ description: 'Soft delete: the object disappears from every query until restored.' })
export class DeleteInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'When given, the delete is refused (CONFLICT) if the object has changed since.' })
  @Min(1)
  expectedVersion?: number | null;
}

@InputType()
export class RestoreInput {
  @Field(() => ID) id!: string;
}
