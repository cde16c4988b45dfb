/**
 * The tests' server code runs in a zone west of UTC, whatever the machine's: a date that slips
 * through as a JavaScript Date at local midnight (and reaches SQL a day early) fails here, not in
 * a clinic's production. Node reads TZ again when it is assigned.
 */
process.env.TZ = 'America/New_York';
