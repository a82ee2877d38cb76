export { WhatIfPanel } from './WhatIfPanel';
