import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ArrayMaxSize, ArrayUnique } from 'class-validator';
import type { Context } from '../context';
import { Viewer } from './auth.resolver';
import { permissionOf } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { expectGlobalId, toGlobalId } from '../data/global-id';
import { withCondition, type PageArgs } from '../data/page-query';
import { resourceTypes } from '../graphql/resource-types';
import { connectionSelection } from '../graphql/selection';
import { memberResource } from '../resources/member.resource';
import { callerMemberId } from '../data/caller-records';
import { notificationResource } from '../resources/notification.resource';

@InputType()
class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Your notifications to mark read (at most 500); give either ids or all.' })
  @ArrayMaxSize(500)
  @ArrayUnique()
  ids?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: every unread notification of yours.' })
  all?: boolean | null;
}

@ObjectType()
class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'How many were unread and are read now (ids of notifications read already, or not yours, count nothing).' }) marked!: number;
  @Field(() => Int, { description: 'Your unread notifications left.' }) unread!: number;
}

const MARK_READ = permissionOf(notificationResource, 'markRead');
const READ = permissionOf(notificationResource, 'read');
const notifications = resourceTypes(notificationResource);

/** The caller's unread notifications: one indexed count. */
async function unreadCount({ data }: Context, memberId: string): Promise<number> {
  const [{ n }] = await data.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND member_id = $2 AND read_at IS NULL AND deleted_at IS NULL', [data.tenantId, memberId]);
  return n;
}

@Resolver(() => Viewer)
export class NotificationResolver {
  @Authorized(MARK_READ)
  @Mutation(() => MarkNotificationsReadPayload, { description: 'Marks your notifications read: those named by `ids`, or all of them. Someone else’s notification is never touched (it counts as not found: nothing is marked).' })
  async markNotificationsRead(@Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput, @Ctx() context: Context): Promise<MarkNotificationsReadPayload> {
    const { data } = context;
    if (!input.all === !input.ids) {
      throw AppError.badInput([{ field: 'input', rule: 'exactlyOne', message: 'give either ids or all: true' }]);
    }
    if (input.all === false) throw AppError.badInput([{ field: 'input.all', rule: 'true', message: 'must be true when given' }]);
    const ids = (input.ids ?? []).map((id, i) => expectGlobalId(id, notificationResource.typeName, `input.ids[${i}]`));
    await data.assertWritable();
    const memberId = await callerMemberId(data);
    const marked = await data.db.query<{ id: string }>(
      `UPDATE notifications SET read_at = now() WHERE tenant_id = $1 AND member_id = $2 AND read_at IS NULL AND deleted_at IS NULL ${input.all ? '' : 'AND id = ANY($3::uuid[])'} RETURNING id`,
      input.all ? [data.tenantId, memberId] : [data.tenantId, memberId, ids],
    );
    return { marked: marked.length, unread: await unreadCount(context, memberId) };
  }

  @Authorized(READ)
  @FieldResolver(() => notifications.Connection, { description: 'Your notifications, newest first, filtered and ordered like `notifications` (`filter: { readAt: { isNull: true } }`: the unread).' })
  async notifications(@Args(() => notifications.ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    const mine = { recipient: { eq: toGlobalId(memberResource.typeName, await callerMemberId(data)) } };
    return data.page(notificationResource, withCondition(args, mine), connectionSelection(info));
  }

  @Authorized(READ)
  @FieldResolver(() => Int, { description: 'How many of your notifications are unread.' })
  async unreadNotifications(@Ctx() context: Context): Promise<number> {
    return unreadCount(context, await callerMemberId(context.data));
  }
}
