/**
 * Apex REST (/services/apexrest/...): the one endpoint this project deploys,
 * Code42HealthWatchRest (@RestResource(urlMapping='/code42/watch')), modelled on what its Apex does:
 *   GET    status: the CronTrigger of the job named "Code42 Health Watch" (CronJobDetail.JobType '7',
 *          Scheduled Apex), its next and previous run and who scheduled it;
 *   POST   start: System.schedule(name, cron, ...) unless a job with that name is active (never two);
 *   DELETE stop: System.abortJob(id) when one exists.
 * The scheduled job itself lives in org.objects.CronTrigger / CronJobDetail, so SOQL on CronTrigger
 * (`sf code42 watch status`) sees what start and stop did.
 *
 * Sources: Apex Developer Guide, "Exposing Apex Classes as REST Web Services" (URL
 * /services/apexrest/<urlMapping>; an unknown mapping answers 404 NOT_FOUND "Could not find a
 * match for URL"); Object Reference, CronTrigger (State WAITING, ACQUIRED, EXECUTING, COMPLETE,
 * ERROR, DELETED, PAUSED, BLOCKED, PAUSED_BLOCKED) and CronJobDetail (Name, JobType; '7' is
 * Scheduled Apex).
 *
 * The endpoint exists only when the fixture lists the class in org.apexClasses (the project's
 * force-app deployed); org.noAccess.apexRest = true answers like a user without access to the
 * class (Apex REST checks class access: 403 FORBIDDEN... modelled as INSUFFICIENT_ACCESS).
 */
import { ApiError } from './errors.js';

export const WATCH_CLASS = 'Code42HealthWatchRest';
export const WATCH_URL = '/code42/watch';
const INACTIVE = new Set(['DELETED', 'COMPLETE']);

function iso(date) {
  return date.toISOString().replace('Z', '+0000');
}

/** The next full hour, as "0 0 * * * ?" fires. */
function nextHour(now) {
  const d = new Date(now);
  d.setUTCMinutes(0, 0, 0);
  d.setUTCHours(d.getUTCHours() + 1);
  return d;
}

export class ApexRest {
  constructor(sim, newId) {
    this.sim = sim;
    this.newId = newId;
  }

  get org() {
    return this.sim.store.org;
  }

  handles(path) {
    return path.startsWith('/services/apexrest/');
  }

  /** Returns { status, body } or throws ApiError, like the REST router. */
  handle(method, path) {
    const mapping = path.slice('/services/apexrest'.length);
    if (mapping !== WATCH_URL || !(this.org.apexClasses || []).includes(WATCH_CLASS)) {
      throw new ApiError('NOT_FOUND', `Could not find a match for URL ${mapping}`, 404);
    }
    if (this.org.noAccess?.apexRest) {
      throw new ApiError('INSUFFICIENT_ACCESS', `You do not have access to the Apex class named: ${WATCH_CLASS}`, 403);
    }
    if (method === 'GET') return { status: 200, body: this.status() };
    if (method === 'POST') return { status: 200, body: this.start() };
    if (method === 'DELETE') return { status: 200, body: this.stop() };
    throw new ApiError('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,POST,DELETE`, 405);
  }

  jobName() {
    return this.org.watchJobName || 'Code42 Health Watch';
  }

  findJob() {
    const details = (this.org.objects.CronJobDetail || []).filter((d) => d.Name === this.jobName() && d.JobType === '7');
    const ids = new Set(details.map((d) => d.Id));
    const jobs = (this.org.objects.CronTrigger || []).filter((t) => ids.has(t.CronJobDetailId));
    return jobs.sort((a, b) => String(b.CreatedDate).localeCompare(String(a.CreatedDate)))[0];
  }

  status() {
    const job = this.findJob();
    const out = { jobName: this.jobName(), running: !!job && !INACTIVE.has(job.State) };
    if (job) {
      const by = (this.org.objects.User || []).find((u) => u.Id === job.CreatedById);
      Object.assign(out, {
        jobId: job.Id, state: job.State, nextRunAt: job.NextFireTime, previousRunAt: job.PreviousFireTime,
        cronExpression: job.CronExpression, scheduledBy: by?.Name ?? null, scheduledAt: job.CreatedDate
      });
    }
    const snaps = this.org.objects.Code42_Watch_Snapshot__c || [];
    out.lastSnapshotAt = snaps.map((s) => s.Taken_At__c).sort().at(-1) ?? null;
    return out;
  }

  start() {
    const job = this.findJob();
    const already = !!job && !INACTIVE.has(job.State);
    if (!already) {
      if (job) this.abort(job);
      const now = new Date();
      const detail = { Id: this.newId('CronJobDetail'), Name: this.jobName(), JobType: '7' };
      this.sim.store.insert('CronJobDetail', detail);
      this.sim.store.insert('CronTrigger', {
        Id: this.newId('CronTrigger'), CronJobDetailId: detail.Id, CronExpression: '0 0 * * * ?', State: 'WAITING',
        NextFireTime: iso(nextHour(now)), PreviousFireTime: null, StartTime: iso(now), TimesTriggered: 0,
        CreatedDate: iso(now), CreatedById: this.org.currentUserId, OwnerId: this.org.currentUserId
      });
    }
    return { ...this.status(), changed: !already };
  }

  abort(job) {
    // System.abortJob removes the CronTrigger (queries no longer return it).
    this.sim.store.remove('CronTrigger', job.Id);
    this.sim.store.remove('CronJobDetail', job.CronJobDetailId);
  }

  stop() {
    const job = this.findJob();
    if (job) this.abort(job);
    return { ...this.status(), changed: !!job };
  }
}
