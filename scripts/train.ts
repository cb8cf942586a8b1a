import { writeFileSync } from 'node:fs';
import { OTHER_CATEGORY, CategoryTaxonomy } from '../src/parse/categoryTaxonomy';
import { loadDataset, splitDataset } from '../src/parse/dataset';
import { TextFeatures } from '../src/parse/features';
import { modelPath } from '../src/parse/modelFiles';
import { INTENTS } from '../src/parse/parser';
import { trainSoftmax, type TrainingExample } from '../src/parse/training';

/**
 * `npm run -s train`: trains the intent and category models on the training part of
 * test/fixtures/messages.jsonl (the held-out fifth is never seen) and writes config/model/*.json.
 * Deterministic: the same data gives byte-identical files.
 */
function main(): void {
  const textFeatures = TextFeatures.load();
  const taxonomy = CategoryTaxonomy.load();
  const { train, heldOut } = splitDataset(loadDataset());
  const example = (text: string, label: string): TrainingExample => ({ features: textFeatures.extract(text).featureSet, label });
  const intentExample = (text: string, label: string): TrainingExample => ({ features: textFeatures.extract(text).intentFeatures, label });

  // "empty" is decided by rule alone: there is nothing in such a message for a model to learn from.
  const intentClasses = INTENTS.filter((i) => i !== 'empty');
  const intentExamples = train.filter((m) => m.intent !== 'empty').map((m) => intentExample(m.text, m.intent));
  const categoryExamples = train.filter((m) => m.category !== undefined).map((m) => example(m.text, m.category ?? OTHER_CATEGORY));
  for (const m of train) {
    if (m.category !== undefined && !taxonomy.has(m.category)) throw new Error(`unknown category ${m.category} in: ${m.text}`);
  }

  const intent = trainSoftmax(intentExamples, intentClasses);
  const category = trainSoftmax(categoryExamples, taxonomy.ids);
  writeFileSync(modelPath('intent'), `${JSON.stringify(intent)}\n`);
  writeFileSync(modelPath('category'), `${JSON.stringify(category)}\n`);
  process.stdout.write(
    `trained on ${train.length} messages (${heldOut.length} held out): ` +
      `intent ${intentExamples.length} examples, ${Object.keys(intent.weights).length} features; ` +
      `category ${categoryExamples.length} examples, ${Object.keys(category.weights).length} features\n`,
  );
}

main();
