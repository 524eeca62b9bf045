import { toBlocks } from "../../../src/minutes/blocks";
import { cleanText } from "../../../src/minutes/clean-text";
import {
  candidatesOf,
  featuresOf,
  probability,
  trainWeights,
  type TrainingExample,
} from "../../../src/minutes/sentence-classifier";

describe("the sentence classifier tried beside the rules", () => {
  const blocks = toBlocks(
    cleanText(
      "ACTIONS\n\n- Jo to send the letter to the council by Friday.\n\nThe meeting noted the report. It was thanked.",
    ).lines,
  );

  it("reads each sentence with the heading above it, and not the heading itself", () => {
    expect(candidatesOf(blocks).map((c) => [c.text, c.heading])).toEqual([
      ["Jo to send the letter to the council by Friday.", "actions"],
      ["The meeting noted the report.", "actions"],
      ["It was thanked.", "actions"],
    ]);
  });

  it("learns which features mark a sentence of work, and gives the same weights every time", () => {
    const vocabulary = new Set(["send", "noted", "the"]);
    const [work, record] = candidatesOf(blocks);
    const examples: TrainingExample[] = [
      { features: featuresOf(work!, vocabulary, new Set(["jo"])), label: 1 },
      { features: featuresOf(record!, vocabulary, new Set(["jo"])), label: 0 },
    ];
    expect(examples[0]!.features).toEqual(
      expect.arrayContaining(["cue:name-to-verb", "w:send", "heading-actions", "opens-with-attendee"]),
    );
    const weights = trainWeights(examples, { epochs: 200 });
    expect(probability(examples[0]!.features, weights)).toBeGreaterThan(0.8);
    expect(probability(examples[1]!.features, weights)).toBeLessThan(0.2);
    expect(trainWeights(examples, { epochs: 200 })).toEqual(weights);
  });
});
