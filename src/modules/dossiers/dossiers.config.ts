// Settings of the dossiers module checked at start-up, so that a bad value stops the start with a message
// naming the variable (exit code 78) instead of failing at the first reception.
import { ConfigError, type Config } from '../../platform/config.js';
import { validatePattern } from './dossier-code.js';

export function checkDossierConfig(config: Config): void {
  const issues = validatePattern(config.dossierCodePattern);
  if (issues.length > 0) throw new ConfigError([`MOTCUA_DOSSIER_CODE_PATTERN: ${issues[0]!.messageEn}`]);
}
