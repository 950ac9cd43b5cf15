# Ad-hoc analysis for docs/safety/evaluation.md ("How the design was chosen"): reads what Dump2.java wrote (route
# embeddings of the training set, tagged fit/cal by the seeded 20 % split `safety train` uses, and the dev split),
# trains logistic heads on hashed n-grams + embeddings (scipy L-BFGS) and a k-nearest-neighbour vote on `fit`, puts
# one threshold at the target benign FPR on `cal`, and prints cal and dev recall/FPR per language for each scoring.
# python3 exp_ensemble.py DUMP_DIR
import numpy as np, sys, re, zlib
import scipy.sparse as sp
from scipy.optimize import minimize
D=sys.argv[1]
meta=[l.rstrip('\n').split('\t',4) for l in open(D+'/meta.tsv',encoding='utf-8')]
part=np.array([m[0] for m in meta]); lab=np.array([m[1] for m in meta]); lang=np.array([m[2] for m in meta]); han=np.array([int(m[3]) for m in meta]); txt=[m[4] for m in meta]
N=len(meta)
M=np.fromfile(D+'/minilm.f32',dtype='>f4').reshape(N,-1).astype(np.float64)
B=np.fromfile(D+'/bge.f32',dtype='>f4').reshape(N,-1).astype(np.float64)
TRAIN=np.isin(part,sys.argv[2].split(',')) if len(sys.argv)>2 else (part=='fit')
CAL=(part=='cal'); DEV=(part=='dev')
print('train n=%d'%TRAIN.sum())
HB=1<<16
tok=re.compile(r'[\u3400-\u9fff]+|[a-z0-9\']+')
def grams(s):
    out=[]
    for t in tok.findall(s.lower()):
        if '\u3400'<=t[0]<='\u9fff':
            for n in (1,2,3):
                out+=['c'+t[i:i+n] for i in range(len(t)-n+1)]
        else:
            out.append('w'+t)
            p='<'+t+'>'
            if len(t)>3:
                out+=['k'+p[i:i+4] for i in range(len(p)-3)]
    ws=[t for t in tok.findall(s.lower()) if not '\u3400'<=t[0]<='\u9fff']
    out+=['b'+ws[i]+' '+ws[i+1] for i in range(len(ws)-1)]
    return out
rows=[];cols=[]
for i,s in enumerate(txt):
    g=set(zlib.crc32(x.encode())%HB for x in grams(s))
    rows+= [i]*len(g); cols+=list(g)
G=sp.csr_matrix((np.ones(len(rows)),(rows,cols)),shape=(N,HB))
nrm=np.sqrt(np.asarray(G.sum(1))).ravel(); nrm[nrm==0]=1
G=sp.diags(1/nrm)@G
def route():
    X=np.zeros((N,M.shape[1]+B.shape[1])); X[han==0,:M.shape[1]]=M[han==0]; X[han==1,M.shape[1]:]=B[han==1]; return X
def lr(X,y,w8,l2):
    d=X.shape[1]
    def f(p):
        w=p[:-1];b=p[-1]; z=X@w+b
        l=np.logaddexp(0,-z)*y+np.logaddexp(0,z)*(1-y)
        pr=1/(1+np.exp(-z)); e=(pr-y)*w8
        return (l*w8).mean()+.5*l2*w@w, np.append(X.T@e/len(y)+l2*w, e.mean())
    r=minimize(f,np.zeros(d+1),jac=True,method='L-BFGS-B',options={'maxiter':500})
    return r.x[:-1],r.x[-1]
def bal(y):
    pos=y.sum(); n=len(y); return np.where(y==1,n/(2*pos),n/(2*(n-pos)))
def report(name,s):
    ts=np.linspace(0.0,1,201)
    if s.min()<0 or s.max()>1: s=1/(1+np.exp(-s))
    t=None
    for t in ts:
        if all((s[CAL&(lang==L)&(lab=='benign')]>=t).mean()<=0.04 for L in ['en','zh']): break
    out=[name.ljust(22),'t=%.3f'%t]
    for P,mask in [('cal',CAL),('dev',DEV)]:
        for L in ['en','zh']:
            h=mask&(lang==L)&(lab!='benign'); bn=mask&(lang==L)&(lab=='benign')
            out.append('%s %s R%4.1f F%4.1f'%(P,L,100*(s[h]>=t).mean(),100*(s[bn]>=t).mean()))
    for L in ['en','zh']:
        bn=DEV&(lang==L)&(lab=='benign'); h=DEV&(lang==L)&(lab!='benign')
        out.append('orc%s %4.1f'%(L,100*(s[h]>np.quantile(s[bn],0.95)).mean()))
    print('  '.join(out)); sys.stdout.flush()
y=(lab!='benign').astype(float)
R=route(); X=sp.hstack([sp.csr_matrix(R),G]).tocsr()
cats=sorted(set(lab)-{'benign'})
S=[]
for c in cats:
    yc=(lab==c).astype(float); w,b=lr(X[TRAIN],yc[TRAIN],bal(yc[TRAIN]),1e-5); S.append(1/(1+np.exp(-(X@w+b))))
S=np.array(S).T; mc=S.max(1)
w,b=lr(X[TRAIN],y[TRAIN],bal(y[TRAIN]),1e-5); g=1/(1+np.exp(-(X@w+b)))
En=R/np.linalg.norm(R,axis=1,keepdims=True); yt=y[TRAIN]; Et=En[TRAIN]
sh=np.zeros(N); sb=np.zeros(N)
for i0 in range(0,N,2000):
    Sk=En[i0:i0+2000]@Et.T
    sh[i0:i0+2000]=np.sort(np.where(yt==1,Sk,-1),axis=1)[:,-10:].mean(1); sb[i0:i0+2000]=np.sort(np.where(yt==0,Sk,-1),axis=1)[:,-10:].mean(1)
knn=1/(1+np.exp(-20*(sh-sb)))
def rep(name,s):
    for tg in (0.04,0.035):
        t=next(t for t in np.linspace(0,1,801) if all((s[CAL&(lang==L)&(lab=='benign')]>=t).mean()<=tg for L in ['en','zh']))
        out=[(name+' @%.3f'%tg).ljust(28)]
        for P,mask in [('cal',CAL),('dev',DEV)]:
            for L in ['en','zh']:
                h=mask&(lang==L)&(lab!='benign'); bn=mask&(lang==L)&(lab=='benign')
                out.append('%s %s R%4.1f F%4.1f'%(P,L,100*(s[h]>=t).mean(),100*(s[bn]>=t).mean()))
        print('  '.join(out)); sys.stdout.flush()
rep('maxcat',mc); rep('bin',g); rep('knn',knn)
rep('mean(maxcat,bin)',(mc+g)/2); rep('mean3',(mc+g+knn)/3); rep('mean(bin,knn)',(g+knn)/2)
