import { BusinessCalendar, parseBusinessHours } from '../../src/calendar/business-calendar.js';
import type { FlowContext } from '../../src/flows/context.js';
import { readFileSync } from 'node:fs';
import { parseKnowledgeBase } from '../../src/faq/knowledge-base.js';
import { buildLanguage } from '../../src/training/build.js';
import { Roster } from '../../src/roster/roster.js';

/** The flow context the app builds from its defaults (business hours mon–fri 08–18, São Paulo); the language layer is the one the suite trained (var/nlu-model.json). */
export function flowContext(): FlowContext {
  const calendar = new BusinessCalendar({
    timeZone: 'America/Sao_Paulo',
    hours: parseBusinessHours('mon-fri=08:00-18:00'),
    extraHolidays: [],
    holidayTypes: ['public'],
  });
  return {
    calendar,
    roster: Roster.empty((d, t) => calendar.at(d, t)),
    ...(({ faq, nlu }) => ({ faq, nlu }))(buildLanguage('data/nlu/train', parseKnowledgeBase(readFileSync('kb/faq.yaml', 'utf8')), 'var/nlu-model.json')),
    plantao: { idleMinutes: 30, partnerIdleMinutes: 20, closeAfterMinutes: 20, noticeMinutes: 30, escalationLeadMinutes: 0, hardwareHintDays: 30 },
    templates: { language: 'pt_BR', followUp: 'acompanhamento_semanal', reseller: 'aviso_revenda' },
    qa: { customerWaitMinutes: 20, cannedMinChats: 3, pageUrl: 'http://localhost:3000/painel' },
    retentionDays: 90,
    monitoring: {
      intervalDays: 7,
      checkinTime: '08:00',
      moveToBusinessDay: true,
      okCode: '000029',
      rspType: '000030',
      customerDepartment: 'implantacao',
      reminderTime: '08:00',
      sellerReminderDays: 2,
      maxReminders: 5,
    },
  };
}
