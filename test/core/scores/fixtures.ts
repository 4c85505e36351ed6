/**
 * Short excerpts of stored outputs from ../shared/corpus (dev01..dev36), one
 * output each, as the author saved them: the "then" side of the cases.
 */

/** dev12-susanli-employee-turnover, cell 10: hr.describe(), the first two of its wrapped blocks. */
export const DESCRIBE_TEXT = "       satisfaction_level  last_evaluation  number_project  \\\ncount        14999.000000     14999.000000    14999.000000   \nmean             0.612834         0.716102        3.803054   \nstd              0.248631         0.171169        1.232592   \nmin              0.090000         0.360000        2.000000   \n25%              0.440000         0.560000        3.000000   \n50%              0.640000         0.720000        4.000000   \n75%              0.820000         0.870000        5.000000   \nmax              1.000000         1.000000        7.000000   \n\n       average_montly_hours  time_spend_company  Work_accident          left  \\\ncount          14999.000000        14999.000000   14999.000000  14999.000000   \nmean             201.050337            3.498233       0.144610      0.238083   \nstd               49.943099            1.460136       0.351719      0.425924   \nmin               96.000000            2.000000       0.000000      0.000000   \n25%              156.000000            3.000000       0.000000      0.000000   \n50%              200.000000            3.000000       0.000000      0.000000   \n75%              245.000000            4.000000       0.000000      0.000000   \nmax              310.000000           10.000000       1.000000      1.000000   \n";

/** dev13-susanli-fruit-classification, cell 6: fruits.describe() as HTML (style block left out). */
export const DESCRIBE_HTML = "<div>\n<table border=\"1\" class=\"dataframe\">\n  <thead>\n    <tr style=\"text-align: right;\">\n      <th></th>\n      <th>fruit_label</th>\n      <th>mass</th>\n      <th>width</th>\n      <th>height</th>\n      <th>color_score</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <th>count</th>\n      <td>59.000000</td>\n      <td>59.000000</td>\n      <td>59.000000</td>\n      <td>59.000000</td>\n      <td>59.000000</td>\n    </tr>\n    <tr>\n      <th>mean</th>\n      <td>2.542373</td>\n      <td>163.118644</td>\n      <td>7.105085</td>\n      <td>7.693220</td>\n      <td>0.762881</td>\n    </tr>\n    <tr>\n      <th>std</th>\n      <td>1.208048</td>\n      <td>55.018832</td>\n      <td>0.816938</td>\n      <td>1.361017</td>\n      <td>0.076857</td>\n    </tr>\n    <tr>\n      <th>min</th>\n      <td>1.000000</td>\n      <td>76.000000</td>\n      <td>5.800000</td>\n      <td>4.000000</td>\n      <td>0.550000</td>\n    </tr>\n    <tr>\n      <th>25%</th>\n      <td>1.000000</td>\n      <td>140.000000</td>\n      <td>6.600000</td>\n      <td>7.200000</td>\n      <td>0.720000</td>\n    </tr>\n    <tr>\n      <th>50%</th>\n      <td>3.000000</td>\n      <td>158.000000</td>\n      <td>7.200000</td>\n      <td>7.600000</td>\n      <td>0.750000</td>\n    </tr>\n    <tr>\n      <th>75%</th>\n      <td>4.000000</td>\n      <td>177.000000</td>\n      <td>7.500000</td>\n      <td>8.200000</td>\n      <td>0.810000</td>\n    </tr>\n    <tr>\n      <th>max</th>\n      <td>4.000000</td>\n      <td>362.000000</td>\n      <td>9.600000</td>\n      <td>10.500000</td>\n      <td>0.930000</td>\n    </tr>\n  </tbody>\n</table>\n</div>";

/** dev13-susanli-fruit-classification, cell 2: fruits.head() as HTML (style block left out). */
export const HEAD_HTML = "<div>\n<table border=\"1\" class=\"dataframe\">\n  <thead>\n    <tr style=\"text-align: right;\">\n      <th></th>\n      <th>fruit_label</th>\n      <th>fruit_name</th>\n      <th>fruit_subtype</th>\n      <th>mass</th>\n      <th>width</th>\n      <th>height</th>\n      <th>color_score</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <th>0</th>\n      <td>1</td>\n      <td>apple</td>\n      <td>granny_smith</td>\n      <td>192</td>\n      <td>8.4</td>\n      <td>7.3</td>\n      <td>0.55</td>\n    </tr>\n    <tr>\n      <th>1</th>\n      <td>1</td>\n      <td>apple</td>\n      <td>granny_smith</td>\n      <td>180</td>\n      <td>8.0</td>\n      <td>6.8</td>\n      <td>0.59</td>\n    </tr>\n    <tr>\n      <th>2</th>\n      <td>1</td>\n      <td>apple</td>\n      <td>granny_smith</td>\n      <td>176</td>\n      <td>7.4</td>\n      <td>7.2</td>\n      <td>0.60</td>\n    </tr>\n    <tr>\n      <th>3</th>\n      <td>2</td>\n      <td>mandarin</td>\n      <td>mandarin</td>\n      <td>86</td>\n      <td>6.2</td>\n      <td>4.7</td>\n      <td>0.80</td>\n    </tr>\n    <tr>\n      <th>4</th>\n      <td>2</td>\n      <td>mandarin</td>\n      <td>mandarin</td>\n      <td>84</td>\n      <td>6.0</td>\n      <td>4.6</td>\n      <td>0.79</td>\n    </tr>\n  </tbody>\n</table>\n</div>";

/** dev09-codebasics-churn-keras, cell 41: df2.sample(5): unseeded, its rows change run to run (first block). */
export const SAMPLE_TEXT = "      gender  SeniorCitizen  Partner  Dependents  tenure  PhoneService  \\\n6127       1              0        1           0      56             1   \n1293       0              0        1           1      67             1   \n1958       0              0        0           0      24             1   \n5161       0              0        0           1      23             1   \n3968       1              0        1           0      72             1   \n";

/** dev11-av-time-series-airpassengers, cell 21: test_stationarity(ts): a Series printed after a title. */
export const DICKEY_FULLER = "Results of Dickey-Fuller Test:\nTest Statistic                   0.815369\np-value                          0.991880\n#Lags Used                      13.000000\nNumber of Observations Used    130.000000\nCritical Value (5%)             -2.884042\nCritical Value (1%)             -3.481682\nCritical Value (10%)            -2.578770\ndtype: float64\n";

/** dev10-av-ridge-lasso, cell 27: coef_matrix_lasso.apply(...): a Series. */
export const ZERO_COUNTS = "alpha_1e-15      0\nalpha_1e-10      0\nalpha_1e-08      0\nalpha_1e-05      8\nalpha_0.0001    10\nalpha_0.001     12\nalpha_0.01      13\nalpha_1         15\nalpha_5         15\nalpha_10        15\ndtype: int64";

/** dev02-handson-ml-04-linear-models, cell 102: Theta: a 3x3 array over three lines. */
export const THETA = "array([[ 3.3172417 , -0.6476445 , -2.99855999],\n       [-1.16505434,  0.11283387,  0.10251113],\n       [-0.72087779, -0.083875  ,  1.48587045]])";

/** dev04-sklvideos-08-grid-search-2016, cell 9: print(cross_val_score(...)): an array wrapped over two lines. */
export const CV_SCORES = "[ 1.          0.93333333  1.          1.          0.86666667  0.93333333\n  0.93333333  1.          1.          1.        ]\n";

/** dev06-sklvideos-09-classification-metrics, cell 50: predict_proba(X_test)[0:10, :]. */
export const PROBA = "array([[0.63247571, 0.36752429],\n       [0.71643656, 0.28356344],\n       [0.71104114, 0.28895886]])";

/** dev34-mgalarnyk-logreg-digits-py2, cell 29: logisticRegr.predict(x_test[0:10]). */
export const DIGIT_LABELS = "array([2, 8, 2, 6, 6, 7, 1, 9, 8, 5])";

/** dev01-handson-ml-01-landscape, cell 17: t0, t1 = lin1.intercept_[0], lin1.coef_[0][0]. */
export const TUPLE = "(4.8530528002664362, 4.9115445891584838e-05)";

/** dev15-packt-xgboost-hyperparameters, cell 20: the last line of an early-stopping fit. */
export const PERCENT = "Accuracy: 89.47%\n";

/** dev15-packt-xgboost-hyperparameters, cell 26: grid_search(...): a dict and a score. */
export const BEST_PARAMS = "Best params: {'max_depth': 1, 'min_child_weight': 1, 'n_estimators': 50}\nBest score: 0.83869\n";

/** dev23-jdw-statsmodels-py2, cell 9: Python 2 print of a tuple. */
export const PY2_TUPLE = "('Parameters: ', array([  1.34233516,  -0.04024948,  10.01025357]))\n('R2: ', 0.9999879365025871)\n";

/** dev36-dat8-chipotle-py2, cell 13: prices[0:5]: currency in strings. */
export const PRICES = "['$2.39 ', '$3.39 ', '$3.39 ', '$2.39 ', '$16.98 ']";

/** dev06-sklvideos-09-classification-metrics, cell 26: print(confusion_matrix(...)). */
export const CONFUSION = "[[118  12]\n [ 47  15]]\n";
