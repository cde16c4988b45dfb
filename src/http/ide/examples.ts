import { Role } from '../../entities/enums';

/**
 * The example queries the IDE opens with after sign-in, per role: the one place they are
 * written. test/ide-examples.test.ts runs every one for every role in every demo tenant and
 * fails on any error, so a schema or permission change cannot leave an example broken.
 *
 * Each is a named operation whose variables have defaults, so it runs as it opens and the
 * analyst edits the values (or overrides them in the Variables tab). No list literal stands as
 * an argument (`orderBy: { … }` is a list of one by GraphQL's input coercion; a list goes in a
 * variable): the explorer plugin cannot show one and logs an error for each. Dates are computed when
 * the page is served, in UTC. Only what the role may read is selected, and nothing behind a
 * feature a tenant may have off (a site's occupancy, a member's custom role): the examples
 * depend on the role alone. An example that a role cannot run is a bug the test reports.
 */
export interface ExampleOperation {
  /** The operation's name, as GraphiQL's run button lists it. */
  name: string;
  /** One line, shown as a comment above the operation. */
  description: string;
  /** `query <name>(…) { … }` */
  document: string;
}

const DAY_MS = 86_400_000;

/** Midnight UTC of the day `now` falls in. */
const startOfUtcDay = (now: Date) => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
const iso = (date: Date) => date.toISOString();

function appointmentsToday(now: Date, withNotes: boolean): ExampleOperation {
  const from = startOfUtcDay(now);
  const notes = withNotes ? '\n      clinicalNotes(first: 5, orderBy: { field: NOTE_DATE, direction: DESC }) {\n        nodes { noteDate content author { lastName } }\n      }' : '';
  return {
    name: 'TodaysAppointments',
    description: `Today's appointments (UTC day) with their patients${withNotes ? ' and latest notes' : ''}.`,
    document: `query TodaysAppointments($from: DateTime = "${iso(from)}", $to: DateTime = "${iso(new Date(from.getTime() + DAY_MS))}") {
  appointments(first: 100, filter: { startTime: { gte: $from, lt: $to } }, orderBy: { field: START_TIME, direction: ASC }) {
    totalCount
    nodes {
      startTime endTime status title
      site { name }
      careProfessional { lastName }
      patient { mrn firstName lastName }${notes}
    }
  }
}`,
  };
}

const myOpenTasks: ExampleOperation = {
  name: 'MyOpenTasks',
  description: 'Your open tasks, most urgent first.',
  document: `query MyOpenTasks($statuses: [TaskStatus!] = [PENDING, IN_PROGRESS]) {
  me {
    tasks(first: 50, filter: { status: { in: $statuses } }, orderBy: { field: DUE_AT, direction: ASC }) {
      totalCount
      nodes { title priority status dueAt overdue patient { mrn lastName } }
    }
  }
}`,
};

const sites: ExampleOperation = {
  name: 'Sites',
  description: 'Sites with their beds and number of patients.',
  document: `query Sites {
  sites(first: 100, orderBy: { field: NAME, direction: ASC }) {
    totalCount
    nodes {
      name kind capacity timezone
      patients(first: 1) { totalCount }
    }
  }
}`,
};

/** Per role, the operations in the order they appear in the editor. */
function examplesByRole(now: Date): Record<Role, ExampleOperation[]> {
  const yearAgo = new Date(startOfUtcDay(now).getTime() - 365 * DAY_MS);
  return {
    [Role.ANALYST]: [
      {
        name: 'AppointmentsByStatus',
        description: 'Appointments of one status in a period, with the total: change $status, $from and $to.',
        document: `query AppointmentsByStatus($status: AppointmentStatus = COMPLETED, $from: DateTime = "${iso(yearAgo)}", $to: DateTime = "${iso(startOfUtcDay(now))}") {
  appointments(first: 100, filter: { status: { eq: $status }, startTime: { gte: $from, lt: $to } }, orderBy: { field: START_TIME, direction: DESC }) {
    totalCount
    nodes {
      startTime endTime status title
      site { name }
      careProfessional { lastName }
    }
  }
}`,
      },
      {
        name: 'PatientsPerSite',
        description: 'How many patients each site has.',
        document: `query PatientsPerSite {
  sites(first: 100, orderBy: { field: NAME, direction: ASC }) {
    nodes {
      name kind capacity
      patients(first: 1) { totalCount }
    }
  }
}`,
      },
    ],
    [Role.CLINICIAN]: [
      appointmentsToday(now, true),
      {
        name: 'LatestNotes',
        description: 'The latest clinical notes, with patient and author.',
        document: `query LatestNotes {
  clinicalNotes(first: 20, orderBy: { field: NOTE_DATE, direction: DESC }) {
    nodes {
      noteDate content
      category { name }
      author { lastName }
      patient { mrn firstName lastName }
    }
  }
}`,
      },
    ],
    [Role.CARE_WORKER]: [appointmentsToday(now, true), myOpenTasks],
    [Role.COORDINATOR]: [
      appointmentsToday(now, false),
      {
        name: 'OverdueTasks',
        description: 'Overdue tasks and who has them.',
        document: `query OverdueTasks {
  tasks(first: 100, filter: { overdue: { eq: true } }, orderBy: { field: DUE_AT, direction: ASC }) {
    totalCount
    nodes { title priority status dueAt assignee { displayName } patient { mrn lastName } }
  }
}`,
      },
      sites,
    ],
    [Role.ADMIN]: [
      {
        name: 'Members',
        description: 'Who is a member, with which role.',
        document: `query Members {
  members(first: 100, orderBy: { field: DISPLAY_NAME, direction: ASC }) {
    totalCount
    nodes { displayName email role createdAt }
  }
}`,
      },
      sites,
      {
        name: 'PendingInvitations',
        description: 'Invitations not yet accepted.',
        document: `query PendingInvitations {
  invitations(first: 50, filter: { status: { eq: PENDING } }) {
    nodes { email role expiresAt expired invitedBy { displayName } }
  }
}`,
      },
    ],
    [Role.SDR]: [
      {
        name: 'LeadsByStatus',
        description: 'Leads at one stage of the pipeline: change $status.',
        document: `query LeadsByStatus($status: LeadStatus = HHQ_STARTED) {
  leads(first: 100, filter: { status: { eq: $status } }, orderBy: { field: UPDATED_AT, direction: DESC }) {
    totalCount
    nodes { firstName lastName email status readiness source callCount lastContactedAt owner { displayName } }
  }
}`,
      },
      {
        name: 'UpcomingCalls',
        description: 'Calls booked with leads from today on.',
        document: `query UpcomingCalls($from: DateTime = "${iso(startOfUtcDay(now))}") {
  appointments(first: 50, filter: { startTime: { gte: $from } }, orderBy: { field: START_TIME, direction: ASC }) {
    totalCount
    nodes { startTime title status lead { firstName lastName } }
  }
}`,
      },
    ],
    [Role.HEALTH_COACH]: [
      {
        name: 'PatientsByJourneyStage',
        description: 'Patients at one stage of their journey: change $stage.',
        document: `query PatientsByJourneyStage($stage: JourneyStage = INTAKE) {
  patients(first: 100, filter: { journeyStage: { eq: $stage } }, orderBy: { field: LAST_NAME, direction: ASC }) {
    totalCount
    nodes { mrn firstName lastName journeyStage healthCoach { displayName } }
  }
}`,
      },
      myOpenTasks,
    ],
  };
}

/** Appointments per status per site per month: the analysts' first aggregate (the keys go in a variable, a list). */
const appointmentsPerMonth: ExampleOperation = {
  name: 'AppointmentsPerStatusSiteMonth',
  description: 'Appointments per status, site and month (tenant timezone), most first; suppressed groups (fewer than 5 patients) come last.',
  document: `query AppointmentsPerStatusSiteMonth($groupBy: [AppointmentGroupBy!]! = [{ key: STATUS }, { key: SITE }, { key: START_TIME, bucket: MONTH }]) {
  appointmentsAggregate {
    count
    patients: countDistinct(key: PATIENT)
    groups(groupBy: $groupBy, orderBy: { field: COUNT, direction: DESC }, first: 100) {
      totalCount
      nodes {
        keys { status site { name } startTime }
        count
        patients: countDistinct(key: PATIENT)
        suppressed
      }
    }
  }
}`,
};

const invoicedPerMonth: ExampleOperation = {
  name: 'InvoicedPerMonth',
  description: 'Invoices per month and status, with their totals.',
  document: `query InvoicedPerMonth($groupBy: [InvoiceGroupBy!]! = [{ key: ISSUE_DATE, bucket: MONTH }, { key: STATUS }]) {
  invoicesAggregate {
    count
    sum { total balance }
    groups(groupBy: $groupBy, first: 100) {
      nodes { keys { issueDate status } count sum { total } suppressed }
    }
  }
}`,
};

/** The aggregate examples, after each role's own: every list has an aggregate (README "For analysts"). */
const AGGREGATE_EXAMPLES: Partial<Record<Role, ExampleOperation[]>> = {
  [Role.ANALYST]: [appointmentsPerMonth, invoicedPerMonth],
  [Role.COORDINATOR]: [appointmentsPerMonth],
  [Role.ADMIN]: [appointmentsPerMonth, invoicedPerMonth],
};

/** The example operations for a role: its own, then its aggregate examples. */
export function examplesFor(role: Role, now = new Date()): ExampleOperation[] {
  return [...examplesByRole(now)[role], ...(AGGREGATE_EXAMPLES[role] ?? [])];
}

/** The text the IDE's editor opens with for a role: its operations, each under its description. */
export function examplesDocument(role: Role, now = new Date()): string {
  const operations = examplesFor(role, now).map((example) => `# ${example.description}\n${example.document}\n`);
  return `# Examples for ${role}: pick one with the run button's menu (or put the cursor in it and press Ctrl-Enter).\n# "Download CSV" saves the list in the result.\n\n${operations.join('\n')}`;
}

/** Every role's example text, for the page to choose from once the role is known. */
export function examplesDocuments(now = new Date()): Record<Role, string> {
  return Object.fromEntries(Object.values(Role).map((role) => [role, examplesDocument(role, now)])) as Record<Role, string>;
}
