import { useState } from 'react';
import type { ChecklistItem, ChecklistState } from '../../../../contract/models';
import { useRequest } from '../../client/use-request';
import { FormDialog } from '../../components/FormDialog';

interface Props {
  readonly slug: string;
  readonly checklist: ChecklistState;
  /** The item to edit; absent to add a new one. */
  readonly item?: ChecklistItem;
  readonly defaultPhaseId?: string;
  readonly onClose: () => void;
}

/** Add an item, or edit one: title, phase (new items), owner, due offset, required, markdown detail. */
export function ItemFormDialog({ slug, checklist, item, defaultPhaseId, onClose }: Props) {
  const [phaseId, setPhaseId] = useState(item?.phaseId ?? defaultPhaseId ?? '');
  const [title, setTitle] = useState(item?.title ?? '');
  const [role, setRole] = useState(item?.owner.role ?? '');
  const [person, setPerson] = useState(item?.owner.person ?? '');
  const [due, setDue] = useState(item?.due ?? '');
  const [required, setRequired] = useState(item?.required ?? false);
  const [detail, setDetail] = useState(item?.detail ?? '');
  const edit = useRequest('checklist.item.edit');
  const add = useRequest('checklist.item.add');
  const request = item ? edit : add;

  const save = async () => {
    const owner = { ...(role.trim() ? { role: role.trim() } : {}), ...(person.trim() ? { person: person.trim() } : {}) };
    const fields = { title, detail, owner, due: due.trim() === '' ? null : due.trim(), required };
    const saved = item ? await edit.run({ slug, itemId: item.id, ...fields }) : await add.run({ slug, phaseId, ...fields });
    if (saved !== undefined) onClose();
  };

  return (
    <FormDialog
      title={item ? `Edit: ${item.title}` : 'New checklist item'}
      onClose={onClose}
      wide
      onSubmit={() => void save()}
      busy={request.busy}
      error={request.error}
      submitLabel={item ? 'Save' : 'Add item'}
      submitDisabled={title.trim() === ''}
      submitTestId="item-save"
    >
      <div className="form-row">
        <label style={{ flex: 3 }}>
          Title
          <input data-testid="item-title" autoFocus value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
        </label>
        {item ? null : (
          <label>
            Phase
            <select data-testid="item-phase" value={phaseId} onChange={(event) => setPhaseId(event.target.value)}>
              {checklist.phases.map((phase) => (
                <option key={phase.id} value={phase.id}>
                  {phase.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="form-row">
        <label>
          Owner role
          <input data-testid="item-role" value={role} maxLength={100} onChange={(event) => setRole(event.target.value)} placeholder="Release manager" />
        </label>
        <label>
          Owner person
          <input data-testid="item-person" value={person} maxLength={100} onChange={(event) => setPerson(event.target.value)} placeholder="optional" />
        </label>
        <label>
          Due (relative to T-0)
          <input data-testid="item-due" className="mono" value={due} onChange={(event) => setDue(event.target.value)} placeholder="T-24h, T-3d, T+30m" />
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" data-testid="item-required" checked={required} onChange={(event) => setRequired(event.target.checked)} /> Required (an open
        required item due before T-0 holds a GO)
      </label>
      <label>
        Detail (markdown)
        <textarea data-testid="item-detail" rows={6} value={detail} maxLength={20000} onChange={(event) => setDetail(event.target.value)} />
      </label>
    </FormDialog>
  );
}
