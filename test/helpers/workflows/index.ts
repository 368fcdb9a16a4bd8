// The one bundle of the integration run: the product's workflows plus test-only ones.
export * from '../../../workflows';
export * from './smoke';
