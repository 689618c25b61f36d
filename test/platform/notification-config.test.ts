// Notification settings: quiet hours (default, empty = none, bad values refused), real delivery switched on
// only by MOTCUA_SMTP_URL / MOTCUA_SMPP_URL, passwords never in error messages.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { portsFromConfig } from '../../src/platform/ports/index.js';

const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));

describe('notification settings', () => {
  it('quiet hours: 21:00-07:00 by default, none when set empty, refused when malformed', () => {
    expect(loadConfig({}).notifications.quietHours).toEqual({ startMinute: 21 * 60, endMinute: 7 * 60 });
    expect(loadConfig({ MOTCUA_SMS_QUIET_HOURS: '' }).notifications.quietHours).toBeNull();
    expect(loadConfig({ MOTCUA_SMS_QUIET_HOURS: '22:30-06:00' }).notifications.quietHours).toEqual({ startMinute: 22 * 60 + 30, endMinute: 6 * 60 });
    expect(() => loadConfig({ MOTCUA_SMS_QUIET_HOURS: '9pm-7am' })).toThrow(ConfigError);
  });

  it('the built-in sink unless a provider is configured; passwords are masked in errors', () => {
    expect(portsFromConfig(loadConfig({}), clock).notifier.providers).toEqual({ sms: 'recording', email: 'recording' });
    const smtp = loadConfig({ MOTCUA_SMTP_URL: 'smtps://motcua:matkhau@mail.example.vn:465', MOTCUA_MAIL_FROM: 'UBND tỉnh <thongbao@example.vn>' });
    expect(portsFromConfig(smtp, clock).notifier.providers).toEqual({ sms: 'recording', email: 'smtp' });
    try {
      loadConfig({ MOTCUA_SMTP_URL: 'http://motcua:matkhau@mail.example.vn' });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toContain('MOTCUA_SMTP_URL');
      expect((e as Error).message).not.toContain('matkhau');
    }
    // SMPP needs its brandname; with both, SMS go over SMPP (the session opens only when the server starts it)
    expect(() => portsFromConfig(loadConfig({ MOTCUA_SMPP_URL: 'smpp://sys:matkhau@smsc.example.vn:2775' }), clock)).toThrow(ConfigError);
    expect(() => portsFromConfig(loadConfig({ MOTCUA_SMPP_URL: 'smpp://sys:matkhau@smsc.example.vn:2775' }), clock)).toThrow(/MOTCUA_SMS_BRANDNAME/);
    expect(() => portsFromConfig(loadConfig({ MOTCUA_SMPP_URL: 'smpp://sys:matkhau@smsc.example.vn:2775' }), clock)).not.toThrow(/matkhau/);
    const smpp = loadConfig({ MOTCUA_SMPP_URL: 'smpp://sys:matkhau@smsc.example.vn:2775', MOTCUA_SMS_BRANDNAME: 'UBND TINH' });
    expect(portsFromConfig(smpp, clock).notifier.providers).toEqual({ sms: 'smpp', email: 'recording' });
    expect(() => loadConfig({ MOTCUA_SMS_BRANDNAME: 'QUA-DAI-BRANDNAME' })).toThrow(ConfigError);
  });
});
