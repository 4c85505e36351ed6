"""Which releases of which library the miner reads.

One release per minor version (the last patch of it) from about 2015 on; fewer for the
libraries whose archives are large and whose API moves slowly.  `package` is the import
package the archive holds; `keep` thins the list (every n-th minor, always keeping the
newest).
"""

LIBRARIES = {
    # distribution: (import package, oldest release mined, keep every n-th minor)
    'pandas': ('pandas', '0.16', 1),
    'numpy': ('numpy', '1.10', 1),
    'scikit-learn': ('sklearn', '0.17', 1),
    'scipy': ('scipy', '0.16', 1),
    'matplotlib': ('matplotlib', '1.5', 1),
    'seaborn': ('seaborn', '0.6', 1),
    'statsmodels': ('statsmodels', '0.8', 1),
    'ipython': ('IPython', '4.0', 1),
    'xgboost': ('xgboost', '0.80', 1),
    'lightgbm': ('lightgbm', '2.0', 1),
    'keras': ('keras', '2.0', 1),
}

# IPython has dozens of 8.x minors; its API that old notebooks touch moves by major.
MAJOR_ONLY = {'ipython'}

# TensorFlow: only its shipped tf1 -> tf2 tables are read, from one current wheel.
TENSORFLOW = ('tensorflow-cpu', '2.21.0')
