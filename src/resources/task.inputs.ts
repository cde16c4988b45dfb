import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, Min } from 'class-validator';
import { IsNotBlank } from '../graphql/validators';
import { TaskPriority, TaskStatus } from '../entities/enums';
import { DateTime } from '../graphql/scalars';

@InputType()
class TaskDetails {
  @Field(() => String, { nullable: true }) @Length(0, 5000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Member of the tenant.' }) assigneeId?: string | null;
  @Field(() => ID, { nullable: true }) patientId?: string | null;
}

@InputType()
export class CreateTaskInput extends TaskDetails {
  @Field() @Length(1, 200) @IsNotBlank() title!: string;
  @Field(() => TaskPriority, { nullable: true, description: 'MEDIUM by default.' }) priority?: TaskPriority;
  @Field(() => DateTime, { nullable: true, description: 'Defaults from the priority: URGENT now, HIGH in 24 hours, MEDIUM in three days, LOW in a week.' })
  dueAt?: Date;
  @Field(() => TaskStatus, { nullable: true, description: 'PENDING (default) or IN_PROGRESS.' }) status?: TaskStatus;
}

@InputType({ description: 'Only the fields given change; null clears an optional field. Status moves only along allowed transitions.' })
export class UpdateTaskInput extends TaskDetails {
  @Field(() => ID) id!: string;
  @Field(() => Int) @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @Length(1, 200) @IsNotBlank() title?: string;
  @Field(() => TaskPriority, { nullable: true }) priority?: TaskPriority;
  @Field(() => DateTime, { nullable: true }) dueAt?: Date;
  @Field(() => TaskStatus, { nullable: true }) status?: TaskStatus;
}
