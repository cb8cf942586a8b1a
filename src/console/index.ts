import type { Router } from 'express';
import { CategoryTaxonomy } from '../parse/categoryTaxonomy';
import { AgencyRouter } from '../parse/routing/agencyRouter';
import { consoleRouter, type ConsoleDeps } from './consoleRouter';

/** The console with the shipped taxonomy and agency list: what the gateway mounts at /console. */
export function createConsole(deps: Omit<ConsoleDeps, 'agencies' | 'categories'>): Router {
  return consoleRouter({ ...deps, agencies: AgencyRouter.load(), categories: CategoryTaxonomy.load().categories });
}
