# Ad-hoc analysis for docs/safety/evaluation.md ("How far a different head could get"): reads the embeddings
# Dump.java wrote, trains on the fit part only, thresholds from the cal part only, scores the dev split once.
import numpy as np, sys
D = sys.argv[1] if len(sys.argv) > 1 else '.'
meta=[l.rstrip('\n').split('\t') for l in open(D+'/meta.tsv')]
part=np.array([m[0] for m in meta]); lab=np.array([m[1] for m in meta]); lang=np.array([m[2] for m in meta]); han=np.array([int(m[3]) for m in meta])
N=len(meta)
M=np.fromfile(D+'/minilm.f32',dtype='>f4').reshape(N,-1).astype(np.float64)
B=np.fromfile(D+'/bge.f32',dtype='>f4').reshape(N,-1).astype(np.float64)
cats=sorted(set(lab)-{'benign'})
def feats(kind):
    if kind=='route':
        X=np.zeros((N,M.shape[1]+B.shape[1])); X[han==0,:M.shape[1]]=M[han==0]; X[han==1,M.shape[1]:]=B[han==1]; return X
    if kind=='concat': return np.hstack([M,B])*np.sqrt(.5)
def logreg(X,y,w8,l2=1e-4,epochs=600,lr=4.0):
    n,d=X.shape; w=np.zeros(d); b=0.
    for _ in range(epochs):
        z=X@w+b; p=1/(1+np.exp(-z)); e=(p-y)*w8
        w-=lr*(X.T@e/n+l2*w); b-=lr*e.mean()
    return w,b
def bal(y):
    pos=y.sum(); n=len(y); return np.where(y==1,n/(2*pos),n/(2*(n-pos)))
def evaluate(name,score):
    # pick threshold on cal: max t such that FPR<=0.04 in each lang (en,zh)
    res=[]
    cal=(part=='cal'); dev=(part=='dev')
    ts=np.linspace(0.01,0.99,99)
    best=None
    for t in ts:
        ok=True
        for L in ['en','zh']:
            m=cal&(lang==L)&(lab=='benign')
            if (score[m]>=t).mean()>0.04: ok=False
        if ok: best=t; break
    t=best
    out=[name,'t=%.2f'%t]
    for P,mask in [('cal',cal),('dev',dev)]:
        for L in ['en','zh']:
            h=mask&(lang==L)&(lab!='benign'); bn=mask&(lang==L)&(lab=='benign')
            out.append('%s %s R%.1f F%.1f'%(P,L,100*(score[h]>=t).mean(),100*(score[bn]>=t).mean()))
    print('  '.join(out)); sys.stdout.flush()
    return t
fit=(part=='fit')
for kind in ['route','concat']:
    X=feats(kind)
    # binary harmful head
    y=(lab!='benign').astype(float)
    w,b=logreg(X[fit],y[fit],bal(y[fit]))
    s=1/(1+np.exp(-(X@w+b)))
    evaluate(kind+' binary',s)
    # per-cat max
    S=[]
    for c in cats:
        yc=(lab==c).astype(float); w,b=logreg(X[fit],yc[fit],bal(yc[fit])); S.append(1/(1+np.exp(-(X@w+b))))
    S=np.array(S).T
    evaluate(kind+' maxcat',S.max(1))
    # AUC-ish: dev recall at FPR 5% chosen on dev (oracle, only to see ceiling)
    for L in ['en','zh']:
        for nm,sc in [('bin',s),('max',S.max(1))]:
            bn=(part=='dev')&(lang==L)&(lab=='benign'); h=(part=='dev')&(lang==L)&(lab!='benign')
            t=np.quantile(sc[bn],0.95); print('   oracle',kind,nm,L,'recall@5%%FPR=%.1f'%(100*(sc[h]>t).mean()))
