import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { MonitoringSettings, PlantaoSettings, QaSettings, TemplateSettings } from '../domain/settings.js';
import type { FaqIndex } from '../faq/faq-index.js';
import type { LanguageModel } from '../nlu/language-model.js';
import type { Roster } from '../roster/roster.js';

/** Everything a flow may read besides state and event: plain settings, a pure calendar, the roster. */
export interface FlowContext {
  calendar: BusinessCalendar;
  monitoring: MonitoringSettings;
  roster: Roster;
  plantao: PlantaoSettings;
  /** WhatsApp templates, for sends to a phone outside the 24-hour window. */
  templates: TemplateSettings;
  faq: FaqIndex;
  /** The language layer: what agents, customers and partners mean (trained at start). */
  nlu: LanguageModel;
  /** The plantão's QA review: its thresholds and the page its report links to. */
  qa: QaSettings;
  /** Days the figures derived from finished cycles and plantão chats are kept (`RETENTION_DAYS`). */
  retentionDays: number;
}
