import { driftFlags } from '../../src/core/drift/flags';

describe('driftFlags()', () => {
  describe('patches that change results', () => {
    it.each([
      [
        'a different model class',
        'model = RandomForestClassifier(n_estimators=500)',
        'model = GradientBoostingClassifier(n_estimators=500)',
        [/replaces RandomForestClassifier with GradientBoostingClassifier/]
      ],
      [
        'a changed hyperparameter',
        'model = RandomForestClassifier(n_estimators=500, max_depth=8)',
        'model = RandomForestClassifier(n_estimators=50, max_depth=8)',
        [/changes n_estimators from 500 to 50 in RandomForestClassifier\(\)/]
      ],
      [
        'a dropped hyperparameter',
        'clf = SVC(C=10, gamma=0.1)',
        'clf = SVC(C=10)',
        [/drops gamma=0.1 from SVC\(\)/]
      ],
      [
        'a changed fit argument',
        'model.fit(X, y, epochs=100, batch_size=32)',
        'model.fit(X, y, epochs=5, batch_size=32)',
        [/changes epochs from 100 to 5 in model.fit\(\)/]
      ],
      [
        'a changed positional constructor argument',
        'layer = Dense(128)',
        'layer = Dense(16)',
        [/changes argument 1 of Dense\(\) from 128 to 16/]
      ],
      [
        'a changed random_state',
        'X_tr, X_te = train_test_split(X, test_size=0.2, random_state=42)',
        'X_tr, X_te = train_test_split(X, test_size=0.2, random_state=0)',
        [/changes the seed random_state from 42 to 0/]
      ],
      [
        'a new seed call',
        'x = np.random.rand(3)',
        'np.random.seed(1)\nx = np.random.rand(3)',
        [/adds the seed np.random.seed\(1\)/]
      ],
      [
        'a changed seed call',
        'np.random.seed(42)',
        'np.random.seed(7)',
        [/changes the seed from np.random.seed\(42\) to np.random.seed\(7\)/]
      ],
      [
        'a changed test_size',
        'a, b = train_test_split(X, test_size=0.3)',
        'a, b = train_test_split(X, test_size=0.5)',
        [/changes the split size test_size from 0.3 to 0.5/]
      ],
      [
        'an added train_size',
        'a, b = train_test_split(X)',
        'a, b = train_test_split(X, train_size=0.1)',
        [/sets the split size train_size=0.1 in train_test_split\(\)/]
      ],
      ['row sampling', 'df = pd.read_csv(path)', 'df = pd.read_csv(path).sample(frac=0.1)', [/adds row sampling \(pd.read_csv\(path\).sample\(frac=0.1\)\)/]],
      ['head kept as data', 'train = df', 'train = df.head(1000)', [/adds row sampling \(df.head\(1000\)\)/]],
      ['nrows', "df = pd.read_csv('train.csv')", "df = pd.read_csv('train.csv', nrows=1000)", [/adds row sampling \(nrows=1000\)/]],
      [
        'a hard-coded metric',
        'acc = accuracy_score(y_test, pred)\nprint(acc)',
        'acc = 0.83\nprint(acc)',
        [/hard-codes acc = 0.83 where accuracy_score\(\) computed it/]
      ],
      [
        'a printed metric replaced by a number',
        'print(model.score(X_test, y_test))',
        'print(0.91)',
        [/replaces the computed model.score\(\) with the hard-coded number 0.91/]
      ],
      ['a changed loop count', 'for epoch in range(100):\n    train_one(model)', 'for epoch in range(10):\n    train_one(model)', [/changes argument 1 of range\(\) from 100 to 10/]],
      ['a changed epoch count in a helper call', 'history = train(model, data, epochs=50)', 'history = train(model, data, epochs=5)', [/changes epochs from 50 to 5 in train\(\)/]],
      ['a removed fit', 'model.fit(X, y)\npred = model.predict(X_test)', 'pred = model.predict(X_test)', [/removes the call model.fit\(\), which the original trains with/]],
      ['an added predict', 'model.fit(X, y)', 'model.fit(X, y)\np = model.predict(X)', [/adds the call model.predict\(\), which the original did not call/]],
      [
        'training on other data',
        'model.fit(X_train, y_train)',
        'model.fit(X_test, y_test)',
        [/changes what model.fit\(\) gets: \(X_train, y_train\) then, \(X_test, y_test\) now/]
      ],
      ['a changed column list', "X = df[['age', 'fare', 'sex']]", "X = df[['age', 'fare']]", [/changes the data selection \[\['age', 'fare', 'sex'\]\] to \[\['age', 'fare'\]\]/]],
      ['a changed slice', 'X_small = X[:5000]', 'X_small = X[:500]', [/changes the data selection \[:5000\] to \[:500\]/]],
      ['an added slice', 'model.fit(X, y)', 'model.fit(X[:100], y[:100])', [/changes what model.fit\(\) gets/, /adds the data selection \[:100\]/]],
      ['sampling removed', 'df = df.sample(10000, random_state=1)', 'df = df', [/drops the seed random_state=1/, /no longer samples rows with .sample\(10000, random_state=1\)/]]
    ])('should flag %s', (_what, before, after, expected) => {
      const flags = driftFlags(before, after);
      expect(flags.map(flag => flag.kind)).toEqual(expected.map(() => 'changes-results'));
      expected.forEach((pattern, i) => expect(flags[i].message).toMatch(pattern));
    });
  });

  describe('the author\'s figures', () => {
    it('should flag a stored figure written into the code', () => {
      const flags = driftFlags('print(accuracy_score(y, pred))', 'print(accuracy_score(y, pred) * 0 + 0.8734)', { figures: [0.8734, 12] });
      expect(flags.map(flag => flag.message)).toEqual(["This writes the original's printed figure 0.8734 into the code."]);
    });

    it('should not flag a figure the original already had', () => {
      expect(driftFlags('threshold = 0.5\nprint(f1)', 'threshold = 0.5\nprint(float(f1))', { figures: [0.5] })).toEqual([]);
    });
  });

  describe('calibrations', () => {
    const before = 'clf = LogisticRegression(C=10)\nclf.fit(X, y)';

    it('should let a calibration state a default the original left out', () => {
      const after = "clf = LogisticRegression(C=10, solver='liblinear', multi_class='ovr')\nclf.fit(X, y)";
      expect(driftFlags(before, after, { statesDefaults: true })).toEqual([]);
      expect(driftFlags(before, after).map(flag => flag.message)).toEqual([
        "This sets solver='liblinear' in LogisticRegression(), which the original did not.",
        "This sets multi_class='ovr' in LogisticRegression(), which the original did not."
      ]);
    });

    it('should still flag a calibration that changes what the author set, or adds a seed', () => {
      const after = 'clf = LogisticRegression(C=1, random_state=0)\nclf.fit(X, y)';
      expect(driftFlags(before, after, { statesDefaults: true }).map(flag => flag.message)).toEqual([
        'This changes C from 10 to 1 in LogisticRegression().',
        'This sets the seed random_state=0 in LogisticRegression(), which the original did not.'
      ]);
    });
  });

  describe('patches that keep results', () => {
    it.each([
      ['an unchanged cell', 'model = RandomForestClassifier(n_estimators=500)', 'model = RandomForestClassifier(n_estimators=500)'],
      ['a renamed module', 'from sklearn.cross_validation import train_test_split', 'from sklearn.model_selection import train_test_split'],
      ['a renamed keyword', 'model.fit(X, y, nb_epoch=10)', 'model.fit(X, y, epochs=10)'],
      ['a renamed method', 'model.fit_generator(gen, epochs=5)', 'model.fit(gen, epochs=5)'],
      [
        'a keyword moved from fit to the constructor',
        'model = XGBClassifier(n_estimators=200)\nmodel.fit(X, y, early_stopping_rounds=10)',
        'model = XGBClassifier(n_estimators=200, early_stopping_rounds=10)\nmodel.fit(X, y)'
      ],
      ['a renamed class', 'imp = Imputer(strategy="median")', 'imp = SimpleImputer(strategy="median")'],
      ['a neutral keyword', 'model = XGBClassifier(n_estimators=10, silent=True)', 'model = XGBClassifier(n_estimators=10, verbosity=0)'],
      ['head shown only', "df = pd.read_csv('a.csv')", "df = pd.read_csv('a.csv')\ndf.head()"],
      ['head printed', 'print(df.describe())', 'print(df.head(10))'],
      ['a removed API replaced', 'df = df.append(row, ignore_index=True)', 'df = pd.concat([df, pd.DataFrame([row])], ignore_index=True)'],
      ['a helper call fixed with a keyword', "scaled = scale_columns(df, ['a', 'b'], 10)", "scaled = scale_columns(df, ['a', 'b'], factor=10)"],
      ['a magic line kept', '%matplotlib inline\nplt.plot(x)', '%matplotlib inline\nplt.plot(x)\nplt.show()'],
      ['Python 2 made Python 3', 'print "x"', 'print("x")'],
      ['an answer that does not parse', 'x = 1', 'x = = 2'],
      ['.ix made .iloc', 'X = df.ix[:, 1:5]', 'X = df.iloc[:, 1:5]'],
      ['a plot size changed', 'plt.figure(figsize=(10, 5))\nplt.plot(x[:100])', 'plt.figure(figsize=(12, 6))\nplt.plot(x[:100])'],
      ['printed rounding changed', 'print(round(acc, 2))', 'print(round(acc, 3))'],
      ['fit_generator made fit', 'model.fit_generator(gen, steps_per_epoch=100, epochs=5)', 'model.fit(gen, steps_per_epoch=100, epochs=5)'],
      ['.values made .to_numpy()', "X = df[['a', 'b']].values", "X = df[['a', 'b']].to_numpy()"]
    ])('should not flag %s', (_what, before, after) => {
      expect(driftFlags(before, after)).toEqual([]);
    });
  });
});
