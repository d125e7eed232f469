/** The languages people read the bot in: German first, English for English clients. */
export type Locale = 'de' | 'en';
