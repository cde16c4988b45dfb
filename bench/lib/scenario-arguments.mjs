// The arguments of the filter / totalCount / reference scenarios, chosen from the data (shared by
// the runner and the profiler, so both measure the same request).

/** The busiest care professional, the patient with the most notes, the commonest last name (all live rows). */
export async function queryScenarioArguments(owner, tenantId, log = () => undefined) {
  const one = async (sql) => (await owner.query(sql, [tenantId])).rows[0];
  const professional = await one(
    `SELECT care_professional_id AS id, count(*)::int AS n FROM appointments WHERE tenant_id = $1 AND deleted_at IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  const patient = await one(`SELECT patient_id AS id, count(*)::int AS n FROM clinical_notes WHERE tenant_id = $1 AND deleted_at IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
  const name = await one(`SELECT last_name, count(*)::int AS n FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
  log(`query scenarios: a professional with ${professional.n} appointments, a patient with ${patient.n} notes, ${name.n} patients named ${name.last_name}`);
  return { professionalId: professional.id, notesPatientId: patient.id, lastName: name.last_name };
}
