// Surveys sent from tend (docs/surveys.md): per survey the score (NPS for nps kinds, else the
// average), promoters / passives / detractors, the response rate, and the comments with their
// accounts.
import { Link, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import type { SurveyResults } from '../../api/types';
import { Figure } from '../../components/Figure';
import { Async, Empty } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';

export default function SurveysPage() {
  const [params, setParams] = useSearchParams();
  const list = useApi((s) => api.surveys(s), []);
  return (
    <div className="page" data-testid={T.surveysPage}>
      <header className="page-header">
        <h1>Surveys</h1>
      </header>
      <Async state={list} what="the surveys">
        {(d) => {
          if (d.surveys.length === 0) return <Empty title="No surveys defined">Add a surveys: section to the definitions (docs/surveys.md).</Empty>;
          const name = params.get('survey') ?? d.surveys[0].name;
          return (
            <>
              <div className="filters">
                <label className="inline-field">
                  Survey
                  <select value={name} onChange={(e) => setParams({ survey: e.target.value })}>
                    {d.surveys.map((s) => (
                      <option key={s.name} value={s.name}>
                        {s.name} ({s.kind})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <Results name={name} />
            </>
          );
        }}
      </Async>
    </div>
  );
}

function Results({ name }: { name: string }) {
  const state = useApi((s) => api.surveyResults(name, s), [name]);
  return <Async state={state} what="the results">{(r) => <ResultsBody r={r} />}</Async>;
}

function ResultsBody({ r }: { r: SurveyResults }) {
  const pct = (n: number | null) => (n === null || r.responses === 0 ? '—' : `${Math.round((100 * n) / r.responses)}%`);
  return (
    <>
      <section className="kpis" aria-label="Results">
        {r.nps !== null && <Figure label="NPS" value={String(r.nps)} note="% promoters − % detractors" testId={T.surveyNps} />}
        <Figure label="Average" value={r.average === null ? '—' : String(r.average)} note={r.kind} />
        <Figure label="Responses" value={`${r.responses} / ${r.sent}`} note={`${Math.round(r.response_rate * 100)}% response rate`} />
        {r.promoters !== null && (
          <Figure
            label="Promoters · passives · detractors"
            value={`${r.promoters} · ${r.passives} · ${r.detractors}`}
            note={`${pct(r.promoters)} · ${pct(r.passives)} · ${pct(r.detractors)}`}
          />
        )}
      </section>
      <h2>Comments</h2>
      {r.comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <table className="table" data-testid={T.surveyComments}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Account</th>
              <th scope="col" className="num">Score</th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {r.comments.map((c, k) => (
              <tr key={k}>
                <td>{formatDateTime(c.answered_at)}</td>
                <td>
                  <Link to={`/accounts/${encodeURIComponent(c.account_id)}`}>{c.account_id}</Link>
                </td>
                <td className="num">{c.score}</td>
                <td>{c.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

