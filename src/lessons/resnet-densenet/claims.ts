/**
 * The benefits Huang et al. 2017 (arXiv:1608.06993, abstract and §1) claim
 * for dense connectivity, each tied to what lesson 08 measures, or honestly
 * marked as not shown. The `evidence` strings are filled in by the notebook
 * from its own measurements (see claimsTable), so the table cannot drift
 * from the numbers printed above it.
 */
export type ClaimStatus = 'shown' | 'partly shown' | 'not shown here';

export interface Claim {
  readonly claim: string;
  /** The section of the notebook that measures it. */
  readonly measurement: string;
  readonly status: ClaimStatus;
  readonly evidence: string;
}

export interface ClaimEvidence {
  /** max/min gradient norm over the conv layers: plain, ResNet, DenseNet-BC. */
  readonly gradientSpread: { readonly plain: number; readonly resnet: number; readonly densenet: number };
  /** Direct connections in the drawn blocks: dense block and ResNet chain (same number of units). */
  readonly connections: { readonly dense: number; readonly resnet: number; readonly units: number };
  /** Mean |w| a layer puts on sources two or more layers back, as a share of the mean over all sources (last block, last layer). */
  readonly distantReuseShare: number;
  /** Published: DenseNet-BC (k = 12, L = 100) vs pre-activation ResNet-1001 on C10+. */
  readonly published: { readonly denseParamsM: number; readonly denseError: number; readonly resnetParamsM: number; readonly resnetError: number };
  /** Final train − test accuracy gap of the two trained digit nets, in points. */
  readonly generalizationGap: { readonly resnet: number; readonly densenet: number };
}

/** The five claims with their status and the notebook's own numbers. */
export function claimsTable(e: ClaimEvidence): Claim[] {
  const fmt = (x: number, digits = 1) => x.toFixed(digits);
  return [
    {
      claim: 'less vanishing gradient',
      measurement: '§4 gradient norm per layer at initialisation',
      status: 'partly shown',
      evidence:
        `max/min gradient norm over the conv layers: plain ${fmt(e.gradientSpread.plain)}×, ResNet ${fmt(e.gradientSpread.resnet)}×, ` +
        `DenseNet-BC ${fmt(e.gradientSpread.densenet)}×. With BN the plain net's gradients do not vanish but grow towards the input; the shortcuts keep them even.`,
    },
    {
      claim: 'stronger feature propagation',
      measurement: '§1 connection matrix',
      status: 'partly shown',
      evidence:
        `${e.connections.units} units: the dense block reads ${e.connections.dense} separate tensors, the ResNet chain ${e.connections.resnet}; ` +
        'every dense layer reaches the block input directly. Shown structurally, not as an effect on accuracy.',
    },
    {
      claim: 'feature reuse',
      measurement: '§5 feature-reuse heatmap',
      status: 'shown',
      evidence: `the last layer of the last block puts ${fmt(100 * e.distantReuseShare, 0)}% of its average weight on sources two or more layers back (100% = no preference).`,
    },
    {
      claim: 'fewer parameters',
      measurement: '§2 params against depth, published CIFAR errors',
      status: 'shown',
      evidence:
        `published C10+: DenseNet-BC ${e.published.denseParamsM}M params, ${e.published.denseError}% error vs pre-activation ResNet-1001 ` +
        `${e.published.resnetParamsM}M, ${e.published.resnetError}%. Our small digit nets: similar accuracy at similar size, so no advantage measured at this scale.`,
    },
    {
      claim: 'regularising effect',
      measurement: '§3 training on the digits',
      status: 'not shown here',
      evidence:
        `train − test accuracy gap after training: ResNet ${fmt(e.generalizationGap.resnet)} points, DenseNet-BC ${fmt(e.generalizationGap.densenet)} points. ` +
        'One seed on the small digits set cannot separate a regularising effect from noise.',
    },
  ];
}
