import { Patient } from '../entities';
import { Feature, IN_RESIDENCE, Role } from '../entities/enums';
import { CARE_TEAM, IDENTIFYING_READERS, PATIENT_READERS } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { defineResource, resourceNamed } from './define';
import { memberRole } from '../data/resource';
import { siteResource } from './site.resource';
import { memberResource } from './member.resource';
import { leadResource } from './lead.resource';
import { IsEmail } from 'class-validator';
import { IsPhoneNumber } from '../graphql/validators';
import { IsNhsNumber } from '../domain/nhs-number';
import { ageBand } from '../domain/age-band';

const { ADMIN, CLINICIAN, COORDINATOR } = Role;


export const patientResource = defineResource<Patient>({
  typeName: 'Patient',
  entity: Patient,
  pluralField: 'patients',
  relations: {
    siteId: { target: () => siteResource, field: 'site', inverse: 'patients', inverseDescription: 'Patients (residents) of this site.' },
    healthCoachId: { target: () => memberResource, field: 'healthCoach', description: 'The health coach carrying the patient’s journey (HealthCRM).', targetIs: memberRole(Role.HEALTH_COACH) },
    leadId: { target: () => leadResource, field: 'lead', description: 'The lead this patient was converted from (`convertLead`), if any.' },
    primaryPhysicianId: {
      target: () => resourceNamed('CareProfessional'),
      field: 'primaryPhysician',
      description: 'The patient’s primary care physician: a care professional of the tenant who is a DOCTOR.',
      inverse: 'primaryPatients',
      inverseDescription: 'Patients whose primary care physician this professional is.',
      targetIs: { property: 'profession', value: 'DOCTOR', rule: 'doctor', message: 'must be a care professional who is a DOCTOR' },
    },
  },
  filters: ['mrn', 'firstName', 'lastName', 'nhsNumber', 'dateOfBirth', 'ageBand', 'gender', 'status', 'site', 'primaryPhysician', 'residentStatus', 'roomNumber', 'admissionDate', 'journeyStage', 'healthCoach', 'lead', 'createdAt', 'updatedAt'],
  orderBy: ['lastName', 'firstName', 'mrn', 'createdAt', 'updatedAt'],
  defaultOrder: [
    { property: 'lastName', direction: 'ASC' },
    { property: 'firstName', direction: 'ASC' },
  ],
  // HealthCRM's journey and Write Care Notes' residency, on a core resource.
  fieldFeatures: {
    journeyStage: Feature.LEAD_PIPELINE,
    healthCoach: Feature.LEAD_PIPELINE,
    residentStatus: Feature.CARE_HOMES,
    roomNumber: Feature.CARE_HOMES,
    admissionDate: Feature.CARE_HOMES,
    dischargeDate: Feature.CARE_HOMES,
  },
  actions: {
    // Write Care Notes' residency: admissions, transfers and discharges are the home's managers' (admins) and coordinators'; leave and hospital stays are recorded by whoever is on shift too.
    admitResident: { roles: [ADMIN, COORDINATOR], feature: Feature.CARE_HOMES, description: 'admit a resident to a care home (`admitResident`)' },
    transferResident: { roles: [ADMIN, COORDINATOR], feature: Feature.CARE_HOMES, description: 'move a resident to another room or home (`transferResident`)' },
    dischargeResident: { roles: [ADMIN, COORDINATOR], feature: Feature.CARE_HOMES, description: 'end a resident’s stay (`dischargeResident`)' },
    updateResidentStatus: { roles: [ADMIN, COORDINATOR, CLINICIAN, Role.CARE_WORKER], feature: Feature.CARE_HOMES, description: 'record leave and hospital stays (`updateResidentStatus`)' },
    // HealthCRM: the coaches who carry journeys, and admins.
    advanceJourney: { roles: [ADMIN, Role.HEALTH_COACH], feature: Feature.LEAD_PIPELINE, description: 'move a patient to the next journey stage (`advanceJourney`)' },
  },
  permissions: {
    read: PATIENT_READERS,
    create: [ADMIN, CLINICIAN, COORDINATOR],
    update: [ADMIN, CLINICIAN, COORDINATOR],
    delete: [ADMIN],
    restore: [ADMIN],
  },
  inputs: {
    required: ['firstName', 'lastName'],
    // Room, admission and discharge dates follow a resident's stays: admitResident, transferResident, dischargeResident.
    optional: ['dateOfBirth', 'gender', 'nhsNumber', 'email', 'phone', 'address', 'emergencyContact', 'status', 'siteId', 'primaryPhysicianId', 'healthCoachId', 'medicalDetails'],
    descriptions: {
      nhsNumber: '10 digits with a valid modulus-11 check digit.',
      siteId: 'The Site (clinic or care home) the patient belongs to (their home clinic); a resident in residence moves with `transferResident`.',
    },
    validate: { nhsNumber: [IsNhsNumber()], email: [IsEmail()], phone: [IsPhoneNumber()] },
  },
  masks: {
    firstName: { fullFor: IDENTIFYING_READERS, as: 'initials' },
    lastName: { fullFor: IDENTIFYING_READERS, as: 'initials' },
    mrn: { fullFor: IDENTIFYING_READERS, as: 'withheld' },
    dateOfBirth: { fullFor: IDENTIFYING_READERS, as: 'withheld' },
    nhsNumber: { fullFor: CARE_TEAM, as: 'withheld' },
    email: { fullFor: IDENTIFYING_READERS, as: 'withheld' },
    phone: { fullFor: IDENTIFYING_READERS, as: 'withheld' },
    address: { fullFor: IDENTIFYING_READERS, as: 'postcodeDistrict' },
    // A resident's room at a home singles them out as surely as a name.
    roomNumber: { fullFor: IDENTIFYING_READERS, as: 'withheld' },
    emergencyContact: { fullFor: IDENTIFYING_READERS, as: 'withheld' },
    // Diagnoses and allergies are for those who give or arrange care, not for analysts or coaches.
    medicalDetails: { fullFor: CARE_TEAM, as: 'refused' },
  },
  computed: {
    ageBand: {
      type: 'string',
      description:
        'The age band, by ten years (`0-9` … `80-89`, then `90+`; null without a date of birth), today in UTC: for every role that reads patients, who may filter and group by it. ' +
        'The date of birth itself is masked for some (see `dateOfBirth`), and a band says less than a birth year.',
      needs: ['dateOfBirth'],
      value: (patient) => ageBand(patient.dateOfBirth, new Date()),
      // current_date: request connections run with TimeZone=UTC, like the value above.
      sql: (alias) =>
        `CASE WHEN ${alias}.date_of_birth IS NULL THEN NULL WHEN date_part('year', age(current_date, ${alias}.date_of_birth)) >= 90 THEN '90+' ` +
        `ELSE (floor(date_part('year', age(current_date, ${alias}.date_of_birth)) / 10) * 10)::int || '-' || (floor(date_part('year', age(current_date, ${alias}.date_of_birth)) / 10) * 10 + 9)::int END`,
    },
  },
  patientIdProperty: 'id',
  notInFuture: ['dateOfBirth'],
  rules: {
    beforeUpdate(current, changes) {
      // Only the residency actions set residentStatus, and they keep the stays that go with a move.
      const inResidence = current.residentStatus !== null && IN_RESIDENCE.includes(current.residentStatus);
      if (inResidence && changes.siteId !== undefined && changes.siteId !== current.siteId && !('residentStatus' in changes)) {
        throw AppError.badInput([{ field: 'input.siteId', rule: 'residentTransfer', message: 'a resident in residence changes site with transferResident, which keeps the stay history' }]);
      }
    },
  },
});
