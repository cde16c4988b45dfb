import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { Membership } from './membership.entity';
import { Site } from './site.entity';
import { Patient } from './patient.entity';
import { CareProfessional } from './care-professional.entity';
import { Appointment } from './appointment.entity';
import { ClinicalNoteCategory } from './clinical-note-category.entity';
import { ClinicalNote } from './clinical-note.entity';

export { Tenant, User, Membership, Site, Patient, CareProfessional, Appointment, ClinicalNoteCategory, ClinicalNote };

