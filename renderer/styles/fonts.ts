/**
 * The kiosk's typeface, bundled so every kiosk looks the same whatever the machine has:
 * Inter (SIL Open Font License 1.1, from @fontsource/inter; licence text in
 * node_modules/@fontsource/inter/LICENSE and resources/fonts/README.md). Only the subsets
 * our four languages need (Latin, Latin Extended for et/pl, Cyrillic for ru) and the weights
 * the styles use.
 */
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-600.css';
import '@fontsource/inter/latin-700.css';
import '@fontsource/inter/latin-800.css';
import '@fontsource/inter/latin-ext-400.css';
import '@fontsource/inter/latin-ext-600.css';
import '@fontsource/inter/latin-ext-700.css';
import '@fontsource/inter/latin-ext-800.css';
import '@fontsource/inter/cyrillic-400.css';
import '@fontsource/inter/cyrillic-600.css';
import '@fontsource/inter/cyrillic-700.css';
import '@fontsource/inter/cyrillic-800.css';
