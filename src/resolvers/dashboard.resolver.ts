import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { withCondition, type PageArgs } from '../data/page-query';
import type { Resource } from '../data/resource';
import { expectGlobalId, toGlobalId } from '../data/global-id';
import { permissionOf } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { resourceTypes } from '../graphql/resource-types';
import { connectionSelection } from '../graphql/selection';
import { Decimal } from '../graphql/scalars';
import { Patient } from '../entities/patient.entity';
import { AppointmentStatus, CarePlanStatus, DiagnosticTestStatus, InvoiceStatus, MedicationStatus, PrescriptionStatus } from '../entities/enums';
import { appointmentResource, patientResource } from '../resources';
import { prescriptionResource } from '../resources/prescription.resource';
import { patientMedicationResource } from '../resources/patient-medication.resource';
import { diagnosticTestResource } from '../resources/diagnostic-test.resource';
import { carePlanResource } from '../resources/care-plan.resource';
import { taskResource } from '../resources/task.resource';
import { invoiceResource } from '../resources/invoice.resource';

@ObjectType({ description: 'An amount in one currency.' })
class MoneyAmount {
  @Field(() => String, { description: 'ISO 4217 code.' }) currency!: string;
  @Field(() => Decimal) amount!: string;
}

/** What a patient's dashboard is about: the patient, read (and access-logged) once. */
@ObjectType({ description: 'One patient at a glance (seed 004’s get_patient_dashboard): each part is a page of its own list, read only if your role may read that list (otherwise that part alone is null with FORBIDDEN). The number of SQL statements depends on the parts asked for, never on the patient’s history.' })
class PatientDashboard {
  @Field(() => Patient) patient!: Patient;
}

const section = (resource: Resource) => resourceTypes(resource);
const appointments = section(appointmentResource);
const prescriptions = section(prescriptionResource);
const medications = section(patientMedicationResource);
const tests = section(diagnosticTestResource);
const carePlans = section(carePlanResource);
const tasks = section(taskResource);

/** A page of one of the patient's lists: the client's page arguments, this patient, and the part's own condition and order. */
function pageOf(context: Context, info: GraphQLResolveInfo, resource: Resource, dashboard: PatientDashboard, args: PageArgs, condition: Record<string, unknown>, orderBy?: PageArgs['orderBy']) {
  const mine = { patient: { eq: toGlobalId(patientResource.typeName, dashboard.patient.id) }, ...condition };
  return context.data.page(resource, withCondition({ ...args, orderBy: args.orderBy ?? orderBy }, mine), connectionSelection(info));
}

const OPEN_INVOICES = [InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE];

@Resolver(() => PatientDashboard)
export class DashboardResolver {
  @Authorized(permissionOf(patientResource, 'read'))
  @Query(() => PatientDashboard, { description: 'One patient’s upcoming appointments, active prescriptions and medications, latest test results, open care plans and tasks, and outstanding balance, in one request.' })
  async patientDashboard(@Arg('patientId', () => ID) patientId: string, @Ctx() { data }: Context): Promise<PatientDashboard> {
    const id = expectGlobalId(patientId, patientResource.typeName, 'patientId');
    const patient = await data.byId<Patient>(patientResource, id);
    if (!patient) throw new AppError('NOT_FOUND', 'No such patient');
    return Object.assign(new PatientDashboard(), { patient });
  }

  @FieldResolver(() => appointments.Connection, { nullable: true, description: 'Appointments from now on that are still to happen (SCHEDULED, CONFIRMED, IN_PROGRESS), soonest first.' })
  upcomingAppointments(@Root() dashboard: PatientDashboard, @Args(() => appointments.ConnectionArgs) args: PageArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    const upcoming = { endTime: { gte: new Date() }, status: { in: [AppointmentStatus.SCHEDULED, AppointmentStatus.CONFIRMED, AppointmentStatus.IN_PROGRESS] } };
    return pageOf(context, info, appointmentResource, dashboard, args, upcoming, [{ field: 'START_TIME', direction: 'ASC' }]);
  }

  @FieldResolver(() => prescriptions.Connection, { nullable: true, description: 'ACTIVE prescriptions, newest first.' })
  activePrescriptions(@Root() dashboard: PatientDashboard, @Args(() => prescriptions.ConnectionArgs) args: PageArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return pageOf(context, info, prescriptionResource, dashboard, args, { status: { eq: PrescriptionStatus.ACTIVE } });
  }

  @FieldResolver(() => medications.Connection, { nullable: true, description: 'ACTIVE medications.' })
  medications(@Root() dashboard: PatientDashboard, @Args(() => medications.ConnectionArgs) args: PageArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return pageOf(context, info, patientMedicationResource, dashboard, args, { status: { eq: MedicationStatus.ACTIVE } });
  }

  @FieldResolver(() => tests.Connection, {
    nullable: true,
    description: 'COMPLETED diagnostic tests (those with a verified report), latest first: select `reports(filter: { verifiedAt: { isNull: false } }) { nodes { results(filter: { flag: { ne: NORMAL } }) … } }` for the abnormal values.',
  })
  latestResults(@Root() dashboard: PatientDashboard, @Args(() => tests.ConnectionArgs) args: PageArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return pageOf(context, info, diagnosticTestResource, dashboard, args, { status: { eq: DiagnosticTestStatus.COMPLETED } }, [{ field: 'ORDERED_AT', direction: 'DESC' }]);
  }

  @FieldResolver(() => carePlans.Connection, { nullable: true, description: 'Care plans not finished: DRAFT, ACTIVE or UNDER_REVIEW.' })
  openCarePlans(@Root() dashboard: PatientDashboard, @Args(() => carePlans.ConnectionArgs) args: PageArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return pageOf(context, info, carePlanResource, dashboard, args, { status: { in: [CarePlanStatus.DRAFT, CarePlanStatus.ACTIVE, CarePlanStatus.UNDER_REVIEW] } });
  }

  @FieldResolver(() => tasks.Connection, { nullable: true, description: 'Tasks about the patient still PENDING or IN_PROGRESS, soonest due first.' })
  openTasks(@Root() dashboard: PatientDashboard, @Args(() => tasks.ConnectionArgs) args: PageArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return pageOf(context, info, taskResource, dashboard, args, { status: { in: ['PENDING', 'IN_PROGRESS'] } }, [{ field: 'DUE_AT', direction: 'ASC' }]);
  }

  @FieldResolver(() => [MoneyAmount], { nullable: true, description: 'What the patient still owes on issued invoices (ISSUED, PARTIALLY_PAID, OVERDUE), per currency; empty when nothing. Needs INVOICE_READ.' })
  async outstandingBalance(@Root() dashboard: PatientDashboard, @Ctx() { data }: Context): Promise<MoneyAmount[]> {
    data.authorize(invoiceResource, 'read');
    return data.db.query<MoneyAmount>(
      `SELECT currency, sum(balance)::text AS amount FROM invoices
        WHERE tenant_id = $1 AND patient_id = $2 AND deleted_at IS NULL AND status = ANY($3) GROUP BY currency ORDER BY currency`,
      [data.tenantId, dashboard.patient.id, OPEN_INVOICES],
    );
  }
}
