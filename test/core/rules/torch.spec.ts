import { importAliases } from '../../../src/core/python/syntax';
import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);

const WEIGHTS_ONLY = {
  ename: 'UnpicklingError',
  evalue: 'Weights only load failed. This file can still be loaded, to do so you have two options. (1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`.'
};

describe('torch rules', () => {
  it('loads a pickled module or checkpoint with weights_only=False where the traceback points', () => {
    const cell = "import torch\nnet2 = torch.load('net.pkl')\nprediction = net2(x)\n";
    const proposal = engine.propose(cell, { ...WEIGHTS_ONLY, traceback: ['Cell In[6], line 2'] });
    expect(proposal?.rules[0].id).toBe('torch-load-weights_only');
    expect(proposal?.source).toBe("import torch\nnet2 = torch.load('net.pkl', weights_only=False)\nprediction = net2(x)\n");
  });

  it('fixes a load inside a function an earlier cell defined, torch imported earlier still', () => {
    const cell = "def restore_net():\n    net2 = torch.load('net.pkl', map_location='cpu')\n    return net2\n";
    const proposal = engine.propose(cell, { ...WEIGHTS_ONLY, traceback: [] }, importAliases(['import torch\n']));
    expect(proposal?.source).toBe("def restore_net():\n    net2 = torch.load('net.pkl', map_location='cpu', weights_only=False)\n    return net2\n");
  });

  it('leaves state-dict loads off the failing line, explicit weights_only, other load() and other errors alone', () => {
    const two = "import torch\nnet.load_state_dict(torch.load('params.pkl'))\nnet2 = torch.load('net.pkl')\n";
    expect(engine.propose(two, { ...WEIGHTS_ONLY, traceback: ['Cell In[3], line 3'] })?.source).toBe(
      "import torch\nnet.load_state_dict(torch.load('params.pkl'))\nnet2 = torch.load('net.pkl', weights_only=False)\n"
    );
    // Two loads and no line: which one failed is not known.
    expect(engine.propose(two, { ...WEIGHTS_ONLY, traceback: [] })).toBeNull();
    expect(engine.propose("import torch\nm = torch.load('m.pt', weights_only=True)\n", { ...WEIGHTS_ONLY, traceback: [] })).toBeNull();
    expect(engine.propose("import pickle\nm = pickle.load(open('m.pkl', 'rb'))\n", { ...WEIGHTS_ONLY, traceback: [] })).toBeNull();
    expect(engine.propose("import torch\nm = torch.load('m.pt')\n", { ename: 'FileNotFoundError', evalue: "No such file or directory: 'm.pt'", traceback: [] })).toBeNull();
  });
});
