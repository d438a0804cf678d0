// Usage: node parse.mjs FILE.ics
// Prints {"events":[...]} as ical.js reads the feed; exits 1 with the reason when it cannot, or when
// an event breaks what calendar apps rely on (a UID, UTC times, an end after the start).
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node parse.mjs FILE.ics');
  process.exit(2);
}

const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
const problems = [];
if (calendar.name !== 'vcalendar') problems.push(`top component is ${calendar.name}, not vcalendar`);
if (calendar.getFirstPropertyValue('version') !== '2.0') problems.push('VERSION is not 2.0');
if (!calendar.getFirstPropertyValue('prodid')) problems.push('PRODID is missing');

const events = calendar.getAllSubcomponents('vevent').map((component) => {
  const event = new ICAL.Event(component);
  const utc = (time, name) => {
    if (!time) {
      problems.push(`${event.uid}: ${name} is missing`);
      return null;
    }
    if (time.zone !== ICAL.Timezone.utcTimezone) problems.push(`${event.uid}: ${name} is not in UTC`);
    return time.toJSDate().toISOString();
  };
  const start = utc(event.startDate, 'DTSTART');
  const end = utc(event.endDate, 'DTEND');
  if (!event.uid) problems.push('an event has no UID');
  if (start && end && end <= start) problems.push(`${event.uid}: DTEND is not after DTSTART`);
  if (!component.getFirstPropertyValue('dtstamp')) problems.push(`${event.uid}: DTSTAMP is missing`);
  return {
    uid: event.uid,
    sequence: event.sequence,
    status: component.getFirstPropertyValue('status'),
    summary: event.summary,
    description: event.description,
    url: component.getFirstPropertyValue('url'),
    start,
    end,
  };
});

const uids = events.map((e) => e.uid);
const twice = uids.filter((uid, i) => uids.indexOf(uid) !== i);
if (twice.length > 0) problems.push(`UIDs used twice: ${twice.join(', ')}`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

console.log(JSON.stringify({ name: calendar.getFirstPropertyValue('x-wr-calname'), events }));
