# How well the answerer's own features can choose the sentence: the share of SQuAD train-half questions whose
# first candidate is right, ranked by the rules, by a logistic regression and by gradient-boosted trees over the
# same features, five-fold cross-validated by article. Reads what `footnote train-answerer --candidates-out FILE`
# writes; needs pandas, scikit-learn and lightgbm. See docs/evaluation.md, "How far these features can rank".
import sys, pandas as pd, lightgbm as lgb
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
d = pd.read_csv(sys.argv[1], sep='\t', keep_default_na=False, dtype={'qid': str})
feats = list(d.columns[d.columns.get_loc('label') + 1:])
sq = d[d.source == 'squad_train_half']
qids = sq.qid.unique()
article = sq.groupby('qid').group.first()[qids].values
print('questions with candidates', len(qids), '| some candidate right', round(sq.groupby('qid').label.max().mean(), 4))
def first_right(df, score):
    df = df.assign(s=score)
    return df.loc[df.groupby('qid').s.idxmax()].label.sum()
right = {'rules': 0, 'logistic regression': 0, 'boosted trees': 0, 'boosted trees, ranking objective': 0}
for train, test in GroupKFold(n_splits=5).split(qids, groups=article):
    a, b = sq[sq.qid.isin(set(qids[train]))], sq[sq.qid.isin(set(qids[test]))]
    right['rules'] += b[b.idx == 0].label.sum()
    right['logistic regression'] += first_right(b, LogisticRegression(max_iter=2000).fit(a[feats], a.label).decision_function(b[feats]))
    trees = dict(n_estimators=300, learning_rate=0.05, num_leaves=15, min_child_samples=40, verbose=-1)
    right['boosted trees'] += first_right(b, lgb.LGBMClassifier(**trees).fit(a[feats], a.label).predict_proba(b[feats])[:, 1])
    a = a.sort_values(['qid', 'idx'])
    ranker = lgb.LGBMRanker(**trees).fit(a[feats], a.label, group=a.groupby('qid', sort=False).size().values)
    right['boosted trees, ranking objective'] += first_right(b, ranker.predict(b[feats]))
for k, v in right.items():
    print(f'{k:34s} first candidate right {v / len(qids):.4f}')
