// The monthly job on DynamoDB Local for a seeded province: 126 emails, numbers equal to the API's,
// idempotent re-runs, one failing recipient not stopping the others; and the daily lapse job.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewLapse, runLapse } from '#app/lapse.js';
import type { Mailer } from '#app/mailer.js';
import { checkMonthlySummary, recipientHash, runMonthlySummary } from '#app/summaries.js';
import { BUSINESS_METRICS, METRICS } from '#app/deps.js';
import { runDaily } from '#app/daily.js';
import { saveTeam } from '#app/teams.js';
import { outboxMailer, smtpMailer } from '#jobs/mail.js';
import { listOutbox, readOutbox } from '#local/outbox.js';
import { LOCAL_ANSWERS } from '#contract/local.js';
import type { OutgoingMail } from '#app/mailer.js';
import { startSmtp } from '#tests/helpers/smtp.js';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { seedIfEmpty } from '#local/seed.js';
import { testServer } from '#tests/helpers/server.js';
import { fixedClock } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const quiet = { info: () => {}, warn: () => {} };
const outbox = mkdtempSync(join(tmpdir(), 'outbox-'));
const emlFiles = (month: string) => {
  try {
    return readdirSync(join(outbox, month)).sort();
  } catch {
    return [];
  }
};

describe('monthly summary job', () => {
  const clock = fixedClock('2023-06-20T04:00:00Z');
  let s: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    s = await testServer({ counties: [], clock });
    await seedIfEmpty(s.deps); // the whole province, history up to 2023-05
    clock.set('2023-07-01T00:00:00Z'); // 08:00 on 1 July in Asia/Shanghai: the job's hour
  }, 420_000); // the whole province on the shared DynamoDB Local, on a loaded 2-core machine
  afterAll(async () => {
    await s.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it("sends 126 summaries whose figures equal the API's for the month", async () => {
    const report = await runMonthlySummary({ ...s.deps, mailer: outboxMailer(outbox, 'tracker <t@tracker.local>'), log: quiet });
    expect(report).toMatchObject({
      month: '2023-06',
      snapshotWritten: true,
      messages: 126,
      sent: 126,
      alreadySent: 0,
      failed: [],
      noRecipients: [],
    });
    expect(report.drift).toEqual({ counties: 111, found: 0, corrected: [] });
    expect(emlFiles('2023-06')).toHaveLength(126);

    const api = await s.call('GET', '/api/counties?month=2023-06', { token: await s.tokenFor('province') });
    const province = await simpleParser(readFileSync(join(outbox, '2023-06', 'province--province@example.com.eml')));
    const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
    expect(province.subject).toBe(`【社区响应队月报】2023年6月 全区达标覆盖率 ${pct(api.json.totals.coverage)}（目标 100.0%）`);
    expect(province.text).toContain(`已建队 ${api.json.totals.teamsRegistered} 支，达标 ${api.json.totals.teamsMeetingStandard} 支`);
    expect(province.html).toContain(`达标 ${api.json.totals.teamsMeetingStandard} 支`);
    expect(province.to && 'text' in province.to ? province.to.text : '').toBe('province@example.com');
    expect(province.date?.toISOString()).toBe('2023-07-01T00:00:00.000Z'); // the Date header is the tracker's clock
    expect(province.headerLines.find((h) => h.key === 'date')?.line).toBe('Date: Sat, 01 Jul 2023 08:00:00 +0800'); // in Beijing time

    const county = api.json.counties.find((c: { code: string }) => c.code === '450102');
    const countyMail = await simpleParser(readFileSync(join(outbox, '2023-06', 'county-450102--county-450102@example.com.eml')));
    expect(countyMail.text).toContain(
      `${county.communities} 个社区（村），已建队 ${county.teamsRegistered} 支，达标 ${county.teamsMeetingStandard} 支`,
    );
    const city = api.json.cities.find((c: { code: string }) => c.code === '4501');
    const cityMail = await simpleParser(readFileSync(join(outbox, '2023-06', 'city-4501--city-4501@example.com.eml')));
    expect(cityMail.text).toContain(`达标 ${city.teamsMeetingStandard} 支，达标覆盖率 ${pct(city.coverage)}`);

    // the province's 月报邮件 page lists each by the place's name and recipient, with its time
    const listed = listOutbox(outbox, '广西壮族自治区').filter((e) => e.month === '2023-06');
    expect(listed).toHaveLength(126);
    expect(listed.find((e) => e.scope === 'county:450102')).toMatchObject({
      scopeName: '南宁市兴宁区',
      to: 'county-450102@example.com',
      date: '2023-07-01T00:00:00.000Z',
    });
    expect(listed.find((e) => e.scope === 'city:4501')).toMatchObject({ scopeName: '南宁市' });
    expect(listed.find((e) => e.scope === 'province')).toMatchObject({ scopeName: '广西壮族自治区' });
    // As the outbox page's types say (functions/contract/local.ts): the list, and one message read back.
    expect(LOCAL_ANSWERS['GET /api/dev/outbox'].parse({ messages: listed }).messages).toHaveLength(126);
    const one = await readOutbox(outbox, listed[0].id);
    expect(LOCAL_ANSWERS['GET /api/dev/outbox/{id}'].parse(one).subject).toMatch(/^【社区响应队月报】2023年6月 /);
  });

  it('sends every summary through an SMTP relay (STARTTLS, AUTH, DKIM-signed), each arriving intact', async () => {
    const relay = await startSmtp({ user: 'tracker', password: 'relay-secret' });
    try {
      const smtp = smtpMailer('社区响应队 <summary@tracker.example.cn>', {
        url: `smtp://tracker@127.0.0.1:${relay.port}`,
        ca: relay.cert,
        secret: async () => ({ password: 'relay-secret', dkimPrivateKey: relay.dkimPrivateKey }),
        dkim: { domainName: 'tracker.example.cn', keySelector: 'gx2026' },
      });
      const sent: OutgoingMail[] = [];
      const report = await runMonthlySummary(
        {
          ...s.deps,
          mailer: {
            send: async (m) => {
              await smtp.send(m);
              sent.push(m);
            },
          },
          log: quiet,
        },
        '2023-04',
      );
      await smtp.close!();
      expect(report).toMatchObject({ messages: 126, sent: 126, failed: [] });
      expect(relay.messages).toHaveLength(126);
      expect(relay.sessions.every((x) => x.secure && x.user === 'tracker')).toBe(true); // STARTTLS, then AUTH
      const byTo = new Map(sent.map((m) => [m.to, m]));
      for (const raw of relay.messages) {
        const mail = await simpleParser(raw.data);
        const to = mail.to && 'text' in mail.to ? mail.to.text : '';
        const original = byTo.get(to)!;
        expect(raw.envelopeTo).toEqual([to]);
        expect(mail.subject).toBe(original.subject);
        expect(mail.text?.trimEnd()).toBe(original.text.trimEnd());
        expect(mail.html).toBe(original.html);
        expect(mail.headers.get('x-tracker-key')).toBe(original.key);
      }
      // the signature verifies against the published key (the resolver stands in for DNS)
      const verified = await dkimVerify(relay.messages[0].data, { resolver: relay.resolver });
      expect(verified.results[0]).toMatchObject({ signingDomain: 'tracker.example.cn', selector: 'gx2026', status: { result: 'pass' } });
    } finally {
      await relay.close();
    }
    // a relay that offers no STARTTLS is refused, not spoken to in plain text
    const plain = await startSmtp({ user: 'tracker', password: 'relay-secret', noTls: true });
    try {
      const refused = smtpMailer('t@tracker.example.cn', { url: `smtp://tracker:relay-secret@127.0.0.1:${plain.port}` });
      await expect(refused.send({ to: 'a@example.com', subject: 's', text: 't', html: '<p>t</p>', key: 'k' })).rejects.toThrow(/STARTTLS/);
      await refused.close!();
      expect(plain.messages).toHaveLength(0);
    } finally {
      await plain.close();
    }
  }, 120_000);

  it('a second run sends nothing new', async () => {
    const before = emlFiles('2023-06').map((f) => statSync(join(outbox, '2023-06', f)).mtimeMs);
    let sends = 0;
    const counting: Mailer = {
      send: async () => {
        sends += 1;
      },
    };
    const report = await runMonthlySummary({ ...s.deps, mailer: counting, log: quiet }, '2023-06');
    expect(report).toMatchObject({ sent: 0, alreadySent: 126, snapshotWritten: false });
    expect(sends).toBe(0);
    expect(emlFiles('2023-06').map((f) => statSync(join(outbox, '2023-06', f)).mtimeMs)).toEqual(before);
  });

  it('a recipient that keeps failing is retried and reported; the others are sent; a re-run sends only it', async () => {
    let attemptsForBroken = 0;
    const flaky: Mailer = {
      send: async (mail) => {
        if (mail.to === 'county-450102@example.com') {
          attemptsForBroken += 1;
          throw new Error('550 5.1.1 <county-450102@example.com> mailbox unavailable');
        }
        await outboxMailer(outbox, 't@tracker.local').send(mail);
      },
    };
    const logged: string[] = [];
    const first = await runMonthlySummary(
      {
        ...s.deps,
        mailer: flaky,
        log: {
          info: () => {},
          warn: (m, f) => {
            logged.push(`${m} ${JSON.stringify(f)}`);
          },
        },
      },
      '2023-05',
    );
    expect(first.sent).toBe(125);
    // the relay's error names the address: the report and the logs hold only its hash
    expect(first.failed).toEqual([
      {
        scope: 'county:450102',
        to: 'county-450102@example.com',
        error: `550 5.1.1 <${recipientHash('county-450102@example.com')}> mailbox unavailable`,
      },
    ]);
    expect(logged.join('\n')).not.toContain('@example.com');
    expect(attemptsForBroken).toBe(3);
    expect(emlFiles('2023-05')).toHaveLength(125);

    const sent: string[] = [];
    const second = await runMonthlySummary(
      {
        ...s.deps,
        mailer: {
          send: async (m) => {
            sent.push(m.to);
            await outboxMailer(outbox, 't@tracker.local').send(m);
          },
        },
        log: quiet,
      },
      '2023-05',
    );
    expect(second).toMatchObject({ sent: 1, alreadySent: 125, failed: [] });
    expect(sent).toEqual(['county-450102@example.com']);
    expect(emlFiles('2023-05')).toHaveLength(126);
  });

  it('refuses a month that has not ended or precedes the programme', async () => {
    await expect(runMonthlySummary({ ...s.deps, mailer: { send: async () => {} }, log: quiet }, '2023-07')).rejects.toThrow(
      /已经结束的月份/,
    );
    await expect(runMonthlySummary({ ...s.deps, mailer: { send: async () => {} }, log: quiet }, '2021-04')).rejects.toThrow(
      /已经结束的月份/,
    );
  });

  it("the province previews any scope's email; a county only its own", async () => {
    const province = await s.call('GET', '/api/summaries/2023-06?scope=county:450102', { token: await s.tokenFor('province') });
    expect(province.status).toBe(200);
    expect(province.json.subject).toContain('兴宁区');
    const own = await s.call('GET', '/api/summaries/2023-06?scope=county:450102', { token: await s.tokenFor('county:450102') });
    expect(own.status).toBe(200);
    const other = await s.call('GET', '/api/summaries/2023-06?scope=county:450103', { token: await s.tokenFor('county:450102') });
    expect(other.status).toBe(403);
    // without a scope, the caller's own: the county's email, not a 403 for the province's
    const unnamed = await s.call('GET', '/api/summaries/2023-06', { token: await s.tokenFor('county:450102') });
    expect([unnamed.status, unnamed.json.scope]).toEqual([200, own.json.scope]);
  });

  describe('recipients', () => {
    it("the province sets any scope's list, a county its own, and bad addresses change nothing", async () => {
      const put = async (scope: string, path: string, body: unknown) =>
        s.call('PUT', `/api/recipients/${path}`, { token: await s.tokenFor(scope), body });
      expect((await put('province', 'city-4501', { emails: ['nanning@example.com', 'NanNing@example.com'] })).json.emails).toEqual([
        'nanning@example.com',
      ]);
      expect((await put('county:450102', 'county-450102', { emails: ['xingning@example.com'] })).status).toBe(200);
      expect((await put('county:450102', 'county-450103', { emails: ['x@example.com'] })).status).toBe(403);
      expect((await put('city:4501', 'province', { emails: ['x@example.com'] })).status).toBe(403);
      // A recipients write touches the RECIPIENTS partition only; a scan of this seeded province (34,000 items) would take a minute.
      const before = await s.store.listRecipients();
      const bad = await put('province', 'county-450102', { emails: ['not-an-address'] });
      expect(bad.status).toBe(400);
      expect(bad.json.error.details[0].message).toBe('邮箱地址格式不对');
      expect((await put('province', 'county-450102', { emails: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`) })).status).toBe(
        400,
      );
      expect(await s.store.listRecipients()).toEqual(before);
      const listed = await s.call('GET', '/api/recipients', { token: await s.tokenFor('city:4501') });
      expect(listed.json.recipients.map((r: { scope: string }) => r.scope)).toContain('county:450102');
      expect(listed.json.recipients.map((r: { scope: string }) => r.scope)).not.toContain('province');
    });
  });

  it("the watchdog (10:00 on the 1st) says whether last month's summary finished: not after a run with a failure, yes after one without", async () => {
    const counted: Record<string, number[]> = {};
    const metrics = {
      count: (name: string, value: number) => {
        (counted[name] ??= []).push(value);
      },
    };
    try {
      clock.set('2023-07-01T02:00:00Z'); // 10:00 on 1 July: June's ran in the first test
      expect(await checkMonthlySummary({ ...s.deps, metrics })).toEqual({ month: '2023-06', finishedAt: '2023-07-01T00:00:00.000Z' });
      clock.set('2023-08-01T02:00:00Z'); // 10:00 on 1 August: July's never ran
      expect(await checkMonthlySummary({ ...s.deps, metrics })).toEqual({ month: '2023-07', finishedAt: null });
      const failing: Mailer = {
        send: async (m) => {
          if (m.to === 'province@example.com') throw new Error('451 4.3.0 try again later');
        },
      };
      expect((await runMonthlySummary({ ...s.deps, metrics, mailer: failing, log: quiet }, '2023-07')).failed).toHaveLength(1);
      expect((await checkMonthlySummary({ ...s.deps, metrics })).finishedAt).toBeNull();
      await runMonthlySummary({ ...s.deps, metrics, mailer: { send: async () => {} }, log: quiet }, '2023-07');
      expect(await checkMonthlySummary({ ...s.deps, metrics })).toEqual({ month: '2023-07', finishedAt: '2023-08-01T02:00:00.000Z' });
      expect(counted[METRICS.summaryMissing]).toEqual([0, 1, 1, 0]);
      expect(counted[METRICS.summarySent]).toEqual([1]);
      // each run counts what it sent and what failed (the dashboard's summary emails), and the drift it found
      expect(counted[BUSINESS_METRICS.mailFailed]).toEqual([1, 0]);
      expect(counted[BUSINESS_METRICS.mailSent]).toEqual([125, 1]);
      expect(counted[BUSINESS_METRICS.driftFound]).toEqual([0, 0]);
      // another run died mid-send (its claim still "sending", not yet stale): this run is not called finished
      clock.set('2023-09-01T02:00:00Z');
      await s.store.claimMail('2023-08', 'province', 'province@example.com', clock.now().toISOString(), '2000-01-01T00:00:00.000Z');
      const stalled = await runMonthlySummary({ ...s.deps, metrics, mailer: { send: async () => {} }, log: quiet }, '2023-08');
      expect(stalled).toMatchObject({ failed: [], unfinished: 1 });
      expect((await checkMonthlySummary({ ...s.deps, metrics })).finishedAt).toBeNull();
    } finally {
      clock.set('2023-07-01T00:00:00Z');
    }
  }, 240_000); // four monthly runs over the whole province
});

describe('daily lapse job', () => {
  it('a team whose insurance ends on a date counts through that day and stops the day after, and the county equals a recount', async () => {
    const clock = fixedClock('2023-03-20T04:00:00Z');
    const s = await testServer({ counties: ['450102'], clock });
    try {
      const code = s.registries[0].communities[0][0];
      const caller = { scope: { kind: 'province' as const }, user: 'test' };
      await saveTeam(s.deps, caller, code, goodTeam({ insuranceExpiresOn: '2023-04-01', lastTrainingOn: '2023-03-01' }), null);
      await saveTeam(
        s.deps,
        caller,
        s.registries[0].communities[1][0],
        goodTeam({ insuranceExpiresOn: '2024-01-01', lastTrainingOn: '2023-03-01' }),
        null,
      );
      expect((await s.store.getAggregate('450102'))!.counters.teamsMeetingStandard).toBe(2);

      clock.set('2023-04-01T04:00:00Z'); // the policy's last day: "至 2023-04-01 二十四时止"
      expect(await runLapse(s.deps)).toMatchObject({ date: '2023-04-01', changed: 0 });
      expect((await s.store.getAggregate('450102'))!.counters.teamsMeetingStandard).toBe(2);

      // a third team that fails already (no equipment) and whose insurance ends the same day: the preview does not count it
      await saveTeam(
        s.deps,
        caller,
        s.registries[0].communities[2][0],
        goodTeam({ equipment: false, insuranceExpiresOn: '2023-04-01', lastTrainingOn: '2023-03-01' }),
        null,
      );
      clock.set('2023-04-02T00:30:00Z'); // 08:30 the day after, in Asia/Shanghai
      expect((await previewLapse(s.deps)).teams.map((t) => t.communityCode)).toEqual([code]);
      expect(await runLapse(s.deps)).toMatchObject({ date: '2023-04-02', found: 2, changed: 2 });
      const agg = (await s.store.getAggregate('450102'))!.counters;
      expect(agg.teamsMeetingStandard).toBe(1);
      expect(agg.failures.insurance).toBe(2); // the lapsed team, and the one that failed already
      expect(agg.failures.equipment).toBe(1);
      expect((await s.store.reconcile()).drift).toEqual([]);
      const team = await s.store.getTeam(code);
      // still indexed: on 2024-03-01 the training rule fails too, which changes the failure counts
      expect(team).toMatchObject({ source: 'lapse', version: 2, verdict: { meetsStandard: false, holdsUntil: '2024-03-01' } });

      expect(await runLapse(s.deps)).toMatchObject({ changed: 0 }); // nothing left to lapse

      // the daily job as a whole: its heartbeat, and how many ended months it found without figures (all 23 since the plan began, then none)
      const counted: Record<string, number[]> = {};
      const metrics = {
        count: (name: string, value: number) => {
          (counted[name] ??= []).push(value);
        },
      };
      const first = await runDaily({ ...s.deps, metrics });
      await runDaily({ ...s.deps, metrics });
      expect(counted[METRICS.dailyRun]).toEqual([1, 1]);
      expect(counted[METRICS.monthFiguresMissing]).toEqual([first.months.missing.length, 0]);
      expect(first.months.missing).toHaveLength(23);
      // at 00:10 on the 1st the month that just ended has no figures yet (the summary stores them at 08:00): stored, but not counted as missing
      clock.set('2023-04-30T16:10:00Z');
      const firstOfMay = await runDaily({ ...s.deps, metrics });
      expect(firstOfMay.months.missing).toEqual(['2023-04']);
      expect(counted[METRICS.monthFiguresMissing].at(-1)).toBe(0);
    } finally {
      await s.close();
    }
  }, 180_000); // three daily runs, each computing the months since the plan began
});
