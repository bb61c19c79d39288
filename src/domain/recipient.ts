/** Whom the bot writes to first (a proactive message): an agent by Karoo login, or a phone in E.164. */
export type ProactiveRecipient = { login: string } | { phone: string };
