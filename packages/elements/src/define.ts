// Registers every element. Import this once (`import '@zheli/elements/define.js'`); importing
// the classes from `@zheli/elements` registers nothing.
//
// Each registration is written here, not imported from the elements' own `define.js`: a module
// two entries share goes to a chunk of the npm build, and a chunk is not in `sideEffects`, so a
// production bundler would drop the registration (test/define-bundle.test.ts).
import { ZheliAppointmentPicker } from './appointment-picker/appointment-picker.js';
import { ZheliConfig } from './config/config.js';
import { ZheliEvaluation } from './evaluation/evaluation.js';
import { defineElement } from './internal/define.js';
import { ZheliLoginButton } from './login-button/login-button.js';
import { setMatterLoaders } from './matter/loaders.js';
import { ZheliMatter } from './matter/matter.js';
import { ZheliPoints } from './points/points.js';
import { ZheliQrCode } from './qr-code/qr-code.js';
import { ZheliRecommendations } from './recommendations/recommendations.js';
import { ZheliRegionPicker } from './region-picker/region-picker.js';
import { ZheliServiceCard } from './service-card/service-card.js';
import { ZheliServiceCatalog } from './service-catalog/service-catalog.js';

defineElement('zheli-config', ZheliConfig);
defineElement('zheli-service-card', ZheliServiceCard);
defineElement('zheli-region-picker', ZheliRegionPicker);
defineElement('zheli-service-catalog', ZheliServiceCatalog);
defineElement('zheli-login-button', ZheliLoginButton);
defineElement('zheli-qr-code', ZheliQrCode);
defineElement('zheli-appointment-picker', ZheliAppointmentPicker);
defineElement('zheli-evaluation', ZheliEvaluation);
// The matter's progress view loads when an application is first shown (see matter/loaders.ts);
// every element is registered here, `<zheli-evaluation>` included.
setMatterLoaders({ progress: () => import('./matter/progress.js'), evaluation: async () => {} });
defineElement('zheli-matter', ZheliMatter);
defineElement('zheli-recommendations', ZheliRecommendations);
defineElement('zheli-points', ZheliPoints);

declare global {
  interface HTMLElementTagNameMap {
    'zheli-config': ZheliConfig;
    'zheli-service-card': ZheliServiceCard;
    'zheli-region-picker': ZheliRegionPicker;
    'zheli-service-catalog': ZheliServiceCatalog;
    'zheli-login-button': ZheliLoginButton;
    'zheli-qr-code': ZheliQrCode;
    'zheli-appointment-picker': ZheliAppointmentPicker;
    'zheli-evaluation': ZheliEvaluation;
    'zheli-matter': ZheliMatter;
    'zheli-recommendations': ZheliRecommendations;
    'zheli-points': ZheliPoints;
  }
}
