import { DuplicateUserError, type NewUser, type User, type UserPatch, type UserStore } from '../types';
import { guard, isDuplicateKey } from './mongoErrors';
import type { Models, OperatorDoc } from './models';

function userFromDoc(d: OperatorDoc): User {
  return {
    id: d._id,
    email: d.email,
    name: d.name,
    role: d.role,
    agency: d.agency,
    passwordHash: d.passwordHash,
    disabled: d.disabled,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export class MongoUserStore implements UserStore {
  constructor(private readonly m: Models) {}

  create(user: NewUser): Promise<User> {
    return guard(async () => {
      const { id, ...rest } = user;
      const email = user.email.toLowerCase();
      try {
        const created = await this.m.operators.create({ ...rest, _id: id, email, disabled: false, updatedAt: user.createdAt });
        return userFromDoc(created.toObject());
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateUserError(email);
        throw err;
      }
    });
  }

  get(id: string): Promise<User | null> {
    return guard(async () => {
      const d = await this.m.operators.findById(id).lean<OperatorDoc>();
      return d ? userFromDoc(d) : null;
    });
  }

  getByEmail(email: string): Promise<User | null> {
    return guard(async () => {
      const d = await this.m.operators.findOne({ email: email.toLowerCase() }).lean<OperatorDoc>();
      return d ? userFromDoc(d) : null;
    });
  }

  list(): Promise<User[]> {
    return guard(async () => {
      const docs = await this.m.operators.find({}).sort({ email: 1 }).lean<OperatorDoc[]>();
      return docs.map(userFromDoc);
    });
  }

  update(id: string, patch: UserPatch, at: Date): Promise<User | null> {
    return guard(async () => {
      const set: Partial<OperatorDoc> = { updatedAt: at };
      for (const [field, value] of Object.entries(patch)) {
        if (value !== undefined) Object.assign(set, { [field]: value });
      }
      const d = await this.m.operators
        .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after', runValidators: true })
        .lean<OperatorDoc>();
      return d ? userFromDoc(d) : null;
    });
  }
}
